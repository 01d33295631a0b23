package dev.watchkeeper.redaction.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * Spring Boot's console encoding with redaction in front: if a structured format is set
 * ({@code logging.structured.format.console}, e.g. {@code ecs} or {@code logstash}) it
 * writes JSON lines like Spring Boot's {@link StructuredLogEncoder}, otherwise it writes
 * the pattern ({@code CONSOLE_LOG_PATTERN}); either way the event it encodes is a
 * {@link RedactedLoggingEvent}. One encoder for both modes because Logback XML cannot
 * branch on a property without Janino, which Watchkeeper does not ship.
 */
public class RedactingEncoder extends EncoderBase<ILoggingEvent> {

	private @Nullable String pattern;

	private @Nullable String structuredFormat;

	private Charset charset = StandardCharsets.UTF_8;

	private @Nullable Encoder<ILoggingEvent> delegate;

	public void setPattern(String pattern) {
		this.pattern = pattern;
	}

	/**
	 * A Spring Boot structured format ({@code ecs}, {@code gelf}, {@code logstash});
	 * blank means "use the pattern".
	 */
	public void setStructuredFormat(String structuredFormat) {
		this.structuredFormat = structuredFormat;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

	@Override
	public void start() {
		Encoder<ILoggingEvent> encoder;
		if (structuredFormat != null && !structuredFormat.isBlank()) {
			StructuredLogEncoder structured = new StructuredLogEncoder();
			structured.setFormat(structuredFormat.strip());
			structured.setCharset(charset);
			encoder = structured;
		}
		else if (pattern != null && !pattern.isBlank()) {
			PatternLayoutEncoder layout = new PatternLayoutEncoder();
			layout.setPattern(pattern);
			layout.setCharset(charset);
			encoder = layout;
		}
		else {
			addError("RedactingEncoder needs a <pattern> or a <structuredFormat>");
			return;
		}
		encoder.setContext(getContext());
		encoder.start();
		delegate = encoder;
		super.start();
	}

	@Override
	public void stop() {
		if (delegate != null) {
			delegate.stop();
		}
		super.stop();
	}

	@Override
	public byte[] headerBytes() {
		return delegate == null ? new byte[0] : delegate.headerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return delegate == null ? new byte[0] : delegate.encode(RedactedLoggingEvent.of(event));
	}

	@Override
	public byte[] footerBytes() {
		return delegate == null ? new byte[0] : delegate.footerBytes();
	}

}
