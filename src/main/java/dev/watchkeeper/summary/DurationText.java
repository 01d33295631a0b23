package dev.watchkeeper.summary;

import java.time.Duration;

/**
 * Durations the way people say them in an incident channel: {@code 42m}, {@code 1h 5m},
 * {@code 2d 3h}.
 */
public final class DurationText {

	private DurationText() {
	}

	public static String of(Duration duration) {
		long seconds = Math.max(0, duration.getSeconds());
		long days = seconds / 86_400;
		long hours = seconds % 86_400 / 3_600;
		long minutes = seconds % 3_600 / 60;
		if (days > 0) {
			return hours > 0 ? days + "d " + hours + "h" : days + "d";
		}
		if (hours > 0) {
			return minutes > 0 ? hours + "h " + minutes + "m" : hours + "h";
		}
		if (minutes > 0) {
			return minutes + "m";
		}
		return seconds + "s";
	}

}
