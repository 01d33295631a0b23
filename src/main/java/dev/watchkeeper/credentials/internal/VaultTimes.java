package dev.watchkeeper.credentials.internal;

import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads Vault's timestamps (RFC 3339 strings with nanoseconds, or Unix seconds) and
 * writes them for people.
 */
final class VaultTimes {

	private VaultTimes() {
	}

	/**
	 * An RFC 3339 string ({@code 2021-03-17T11:55:50.755313-05:00}) or Unix seconds;
	 * {@code null} when absent.
	 */
	static @Nullable Instant instant(JsonObject object, String name) {
		JsonValue value = object.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isNumber()) {
			long seconds = value.asLong();
			return seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
		}
		if (value.isString() && !value.asString().isBlank()) {
			try {
				Instant instant = OffsetDateTime.parse(value.asString()).toInstant();
				// Go's zero time means "never"
				return instant.getEpochSecond() < 0 ? null : instant;
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	static String format(@Nullable Instant instant) {
		return instant == null ? "never" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	/** {@code 3d 4h}, {@code 59m 52s}, {@code 12s}: the two largest units. */
	static String human(Duration duration) {
		long seconds = Math.max(0, duration.getSeconds());
		long days = seconds / 86_400;
		long hours = seconds % 86_400 / 3_600;
		long minutes = seconds % 3_600 / 60;
		long rest = seconds % 60;
		if (days > 0) {
			return days + "d" + (hours > 0 ? " " + hours + "h" : "");
		}
		if (hours > 0) {
			return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
		}
		if (minutes > 0) {
			return minutes + "m" + (rest > 0 ? " " + rest + "s" : "");
		}
		return rest + "s";
	}

}
