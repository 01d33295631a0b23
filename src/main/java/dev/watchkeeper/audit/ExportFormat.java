package dev.watchkeeper.audit;

import java.util.Locale;

/** Formats of {@link AuditTrail#export}. */
public enum ExportFormat {

	/** One JSON object per line, in the canonical field order, with the chain fields. */
	JSONL("application/x-ndjson", "jsonl"),

	/**
	 * RFC 4180 CSV with a header row; cells that a spreadsheet would run as a formula are
	 * prefixed with {@code '}.
	 */
	CSV("text/csv", "csv");

	private final String mediaType;

	private final String extension;

	ExportFormat(String mediaType, String extension) {
		this.mediaType = mediaType;
		this.extension = extension;
	}

	public String mediaType() {
		return mediaType;
	}

	public String extension() {
		return extension;
	}

	/** Reads {@code jsonl} or {@code csv} (default jsonl when blank). */
	public static ExportFormat parse(String text) {
		if (text == null || text.isBlank()) {
			return JSONL;
		}
		return switch (text.strip().toLowerCase(Locale.ROOT)) {
			case "jsonl", "ndjson" -> JSONL;
			case "csv" -> CSV;
			default -> throw new IllegalArgumentException("unknown export format '" + text + "': use jsonl or csv");
		};
	}

}
