package dev.watchkeeper.redaction.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx} with the whole stack trace text redacted (exception messages
 * carry connection strings and tokens as often as log messages do), for hand-written
 * Logback patterns next to {@link RedactingMessageConverter}.
 */
public class RedactingThrowableProxyConverter extends ExtendedWhitespaceThrowableProxyConverter {

	@Override
	protected String throwableProxyToString(IThrowableProxy tp) {
		return LogRedaction.redact(super.throwableProxyToString(tp));
	}

}
