package dev.watchkeeper.redaction.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m} with secrets redacted, for hand-written Logback patterns:
 * {@code <conversionRule conversionWord="m" class=
 * "dev.watchkeeper.redaction.logging.RedactingMessageConverter"/>}. Watchkeeper's own
 * {@code logback-spring.xml} uses {@link RedactingEncoder}, which also covers structured
 * logging.
 */
public class RedactingMessageConverter extends MessageConverter {

	@Override
	public String convert(ILoggingEvent event) {
		String message = super.convert(event);
		return message == null ? "" : LogRedaction.redact(message);
	}

}
