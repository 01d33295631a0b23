package dev.watchkeeper.redaction.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event as an encoder should see it: the formatted message, MDC values,
 * key-value pairs and throwable messages redacted. The raw message template and its
 * arguments are not passed on (the formatted, redacted message takes the template's
 * place), so no layout can rebuild the secret from them.
 */
final class RedactedLoggingEvent implements ILoggingEvent {

	private final ILoggingEvent event;

	private final String message;

	private final Map<String, String> mdc;

	private final @Nullable List<KeyValuePair> keyValuePairs;

	private RedactedLoggingEvent(ILoggingEvent event) {
		this.event = event;
		String formatted = event.getFormattedMessage();
		this.message = formatted == null ? "" : LogRedaction.redact(formatted);
		this.mdc = redactValues(event.getMDCPropertyMap());
		this.keyValuePairs = redactPairs(event.getKeyValuePairs());
	}

	static ILoggingEvent of(ILoggingEvent event) {
		return event instanceof RedactedLoggingEvent ? event : new RedactedLoggingEvent(event);
	}

	private static Map<String, String> redactValues(@Nullable Map<String, String> values) {
		if (values == null || values.isEmpty()) {
			return Map.of();
		}
		Map<String, String> redacted = new LinkedHashMap<>();
		values.forEach((key, value) -> redacted.put(key, value == null ? null : LogRedaction.redact(value)));
		return redacted;
	}

	private static @Nullable List<KeyValuePair> redactPairs(@Nullable List<KeyValuePair> pairs) {
		if (pairs == null) {
			return null;
		}
		return pairs.stream()
			.map(pair -> new KeyValuePair(pair.key,
					pair.value == null ? null : LogRedaction.redact(String.valueOf(pair.value))))
			.toList();
	}

	@Override
	public String getMessage() {
		return message;
	}

	@Override
	public Object @Nullable [] getArgumentArray() {
		return null;
	}

	@Override
	public String getFormattedMessage() {
		return message;
	}

	@Override
	public @Nullable IThrowableProxy getThrowableProxy() {
		return RedactedThrowableProxy.of(event.getThrowableProxy());
	}

	@Override
	public Map<String, String> getMDCPropertyMap() {
		return mdc;
	}

	@Override
	@Deprecated
	public Map<String, String> getMdc() {
		return mdc;
	}

	@Override
	public @Nullable List<KeyValuePair> getKeyValuePairs() {
		return keyValuePairs;
	}

	@Override
	public String getThreadName() {
		return event.getThreadName();
	}

	@Override
	public Level getLevel() {
		return event.getLevel();
	}

	@Override
	public String getLoggerName() {
		return event.getLoggerName();
	}

	@Override
	public LoggerContextVO getLoggerContextVO() {
		return event.getLoggerContextVO();
	}

	@Override
	public StackTraceElement[] getCallerData() {
		return event.getCallerData();
	}

	@Override
	public boolean hasCallerData() {
		return event.hasCallerData();
	}

	@Override
	public @Nullable List<Marker> getMarkerList() {
		return event.getMarkerList();
	}

	@Override
	public long getTimeStamp() {
		return event.getTimeStamp();
	}

	@Override
	public int getNanoseconds() {
		return event.getNanoseconds();
	}

	@Override
	public Instant getInstant() {
		return event.getInstant();
	}

	@Override
	public long getSequenceNumber() {
		return event.getSequenceNumber();
	}

	@Override
	public void prepareForDeferredProcessing() {
		event.prepareForDeferredProcessing();
	}

}
