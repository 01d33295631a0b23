package dev.watchkeeper.redaction.internal;

/**
 * The text being redacted, as detectors read it: the characters behind the time budget,
 * and an ASCII-lower-cased copy of the same length for case-insensitive keyword search
 * (same length, so an index found in one is valid in the other, which
 * {@link String#toLowerCase} does not promise).
 */
public final class ScanText {

	private final DeadlineCharSequence chars;

	private final String lowerCase;

	public ScanText(DeadlineCharSequence chars) {
		this.chars = chars;
		this.lowerCase = asciiLowerCase(chars.toString());
	}

	public DeadlineCharSequence chars() {
		return chars;
	}

	public String lowerCase() {
		return lowerCase;
	}

	public int length() {
		return chars.length();
	}

	private static String asciiLowerCase(String text) {
		char[] lower = text.toCharArray();
		for (int i = 0; i < lower.length; i++) {
			char c = lower[i];
			if (c >= 'A' && c <= 'Z') {
				lower[i] = (char) (c + ('a' - 'A'));
			}
		}
		return new String(lower);
	}

}
