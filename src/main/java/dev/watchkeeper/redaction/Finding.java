package dev.watchkeeper.redaction;

/**
 * One redacted span: what kind of secret it was and where it stood in the original text.
 * Deliberately carries no value, so a finding can be logged, counted and audited without
 * leaking what it replaced.
 *
 * @param kind the detector's name, e.g. {@code aws-access-key-id}; it also appears in the
 * placeholder
 * @param start offset of the first replaced character in the original text (inclusive)
 * @param end offset after the last replaced character in the original text (exclusive)
 */
public record Finding(String kind, int start, int end) {

	public Finding {
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
		}
	}

	/** Number of characters of the original text this finding replaced. */
	public int length() {
		return end - start;
	}
}
