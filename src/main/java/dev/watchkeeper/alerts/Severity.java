package dev.watchkeeper.alerts;

import java.util.Locale;

/**
 * How bad an alert says it is, read from its {@code severity} label. Senders spell it
 * many ways ({@code page}, {@code P1}, {@code warn}); this folds them into five ordered
 * levels so incidents can be sorted and compared.
 */
public enum Severity {

	NONE("none"), INFO("info"), WARNING("warning"), HIGH("high"), CRITICAL("critical");

	private final String displayName;

	Severity(String displayName) {
		this.displayName = displayName;
	}

	public String displayName() {
		return displayName;
	}

	/**
	 * Reads a {@code severity} label value; unknown or empty values are {@link #NONE}.
	 */
	public static Severity parse(String label) {
		return switch (label.strip().toLowerCase(Locale.ROOT)) {
			case "critical", "crit", "page", "p1", "sev1", "fatal", "emergency", "disaster" -> CRITICAL;
			case "high", "error", "err", "major", "p2", "sev2" -> HIGH;
			case "warning", "warn", "medium", "minor", "average", "p3", "sev3" -> WARNING;
			case "info", "informational", "low", "notice", "p4", "p5", "sev4", "sev5" -> INFO;
			default -> NONE;
		};
	}

	public boolean atLeast(Severity other) {
		return compareTo(other) >= 0;
	}

}
