package dev.watchkeeper.redaction.internal;

import java.util.Set;
import java.util.function.Consumer;

/**
 * PEM private keys
 * ({@code -----BEGIN [RSA|EC|OPENSSH|ENCRYPTED|PGP ...] PRIVATE KEY[ BLOCK]-----} to the
 * matching {@code -----END ...-----}), across real or JSON-escaped ({@code \n}) line
 * breaks. A hand-written scanner rather than a regular expression: the body is kilobytes
 * long, and a lazy {@code .*?} over it is exactly the kind of pattern that backtracks. A
 * header without its end marker (a truncated log line) redacts everything after it: there
 * is no telling where the key stops, and withholding too much is the safe mistake.
 */
final class PemPrivateKeyDetector implements Detector {

	static final String KIND = "private-key";

	private static final String BEGIN = "-----BEGIN ";

	private static final String END = "-----END ";

	private static final String DASHES = "-----";

	/**
	 * Longest label accepted between {@code BEGIN } and the closing dashes ("ENCRYPTED
	 * PRIVATE KEY" is 21).
	 */
	private static final int MAX_LABEL = 40;

	private final int priority;

	PemPrivateKeyDetector(int priority) {
		this.priority = priority;
	}

	@Override
	public Set<String> kinds() {
		return Set.of(KIND);
	}

	@Override
	public int priority() {
		return priority;
	}

	@Override
	public void find(ScanText scan, Consumer<Span> found) {
		if (!scan.lowerCase().contains("private key")) {
			return;
		}
		CharSequence text = scan.chars();
		String string = text.toString();
		int from = 0;
		while (true) {
			int begin = string.indexOf(BEGIN, from);
			if (begin < 0) {
				return;
			}
			int labelStart = begin + BEGIN.length();
			int labelEnd = string.indexOf(DASHES, labelStart);
			if (labelEnd < 0 || labelEnd - labelStart > MAX_LABEL
					|| !isPrivateKeyLabel(string.substring(labelStart, labelEnd))) {
				from = labelStart;
				continue;
			}
			int bodyStart = labelEnd + DASHES.length();
			int end = string.indexOf(END, bodyStart);
			if (end < 0) {
				found.accept(new Span(KIND, priority, begin, string.length()));
				return;
			}
			int footerEnd = string.indexOf(DASHES, end + END.length());
			int stop = (footerEnd < 0 || footerEnd - end > MAX_LABEL + END.length()) ? string.length()
					: footerEnd + DASHES.length();
			found.accept(new Span(KIND, priority, begin, stop));
			from = stop;
			// the deadline is checked by reading through the CharSequence; indexOf on the
			// String does not, so
			// touch it once per key to keep a text made of a million tiny keys inside the
			// budget too
			text.charAt(begin);
		}
	}

	private static boolean isPrivateKeyLabel(String label) {
		if (!(label.endsWith("PRIVATE KEY") || label.endsWith("PRIVATE KEY BLOCK"))) {
			return false;
		}
		for (int i = 0; i < label.length(); i++) {
			char c = label.charAt(i);
			if (!(c == ' ' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
				return false;
			}
		}
		return true;
	}

}
