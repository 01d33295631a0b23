package dev.watchkeeper.redaction.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a regular-expression detector may start matching. Trying a pattern at every
 * position of the text costs 50-100 ns per character for a pattern that opens with a
 * look-behind; finding candidate positions with {@link String#indexOf} or one pass over
 * the characters and trying the pattern only there ({@code lookingAt}) makes text without
 * secrets nearly free and keeps the scan linear: one bounded attempt per candidate.
 */
public sealed interface Starts {

	/**
	 * Candidate positions in ascending order; {@code null} means "everywhere" (a plain
	 * {@code find}).
	 */
	int[] positions(ScanText text);

	/** Every position: for patterns from configuration, whose shape is unknown. */
	Starts EVERYWHERE = new Everywhere();

	/**
	 * Where one of these keywords (case-insensitive) begins; the pattern must begin with
	 * the keyword.
	 */
	static Starts keywords(String... keywords) {
		return new Keywords(Arrays.stream(keywords).map(k -> k.toLowerCase(Locale.ROOT)).toList());
	}

	/**
	 * Where a character of a class follows one that is not in {@code notAfter} (the start
	 * of a run).
	 */
	static Starts runs(CharClass first, CharClass notAfter) {
		return new Runs(first, notAfter);
	}

	/**
	 * Where the local part of an e-mail address would begin, found backwards from each
	 * {@code @}.
	 */
	Starts EMAIL_LOCAL_PARTS = new LocalParts();

	/**
	 * An ASCII character class as a lookup table: one array read per character, where a
	 * lambda or {@code String.indexOf} per character made the run scans the slowest part
	 * of redacting text without secrets.
	 */
	final class CharClass {

		public static final CharClass DIGIT = range('0', '9');

		public static final CharClass UPPER = range('A', 'Z');

		public static final CharClass WORD = range('a', 'z').or(UPPER).or(DIGIT).or(of("_"));

		private final boolean[] table;

		private CharClass(boolean[] table) {
			this.table = table;
		}

		public static CharClass of(String chars) {
			boolean[] table = new boolean[128];
			for (char c : chars.toCharArray()) {
				table[c] = true;
			}
			return new CharClass(table);
		}

		public static CharClass range(char from, char to) {
			boolean[] table = new boolean[128];
			for (char c = from; c <= to; c++) {
				table[c] = true;
			}
			return new CharClass(table);
		}

		public CharClass or(CharClass other) {
			boolean[] table = new boolean[128];
			for (int i = 0; i < 128; i++) {
				table[i] = this.table[i] || other.table[i];
			}
			return new CharClass(table);
		}

		public boolean contains(char c) {
			return c < 128 && table[c];
		}

	}

	/** Plain {@code find}: the pattern is tried everywhere. */
	record Everywhere() implements Starts {

		@Override
		public int[] positions(ScanText text) {
			return null;
		}
	}

	/** Positions of keywords in the lower-cased text. */
	record Keywords(List<String> keywords) implements Starts {

		@Override
		public int[] positions(ScanText text) {
			String lower = text.lowerCase();
			int[] found = new int[8];
			int count = 0;
			for (String keyword : keywords) {
				for (int at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
					if (count == found.length) {
						found = Arrays.copyOf(found, count * 2);
					}
					found[count++] = at;
				}
			}
			int[] positions = Arrays.copyOf(found, count);
			if (keywords.size() > 1) {
				Arrays.sort(positions);
			}
			return positions;
		}
	}

	/** Starts of runs of a character class. */
	record Runs(CharClass first, CharClass notAfter) implements Starts {

		@Override
		public int[] positions(ScanText text) {
			// the plain String, not the budget-checking view: this loop is linear, and
			// checked once at its end
			String chars = text.chars().toString();
			int[] found = new int[8];
			int count = 0;
			char previous = ' ';
			for (int i = 0; i < chars.length(); i++) {
				char c = chars.charAt(i);
				if (first.contains(c) && (i == 0 || !notAfter.contains(previous))) {
					if (count == found.length) {
						found = Arrays.copyOf(found, count * 2);
					}
					found[count++] = i;
				}
				previous = c;
			}
			text.chars().checkDeadline();
			return Arrays.copyOf(found, count);
		}
	}

	/**
	 * For each '@', the start of the run of local-part characters before it (at most 64,
	 * as RFC 5321 allows).
	 */
	record LocalParts() implements Starts {

		private static final CharClass LOCAL = CharClass.WORD.or(CharClass.of(".%+-"));

		@Override
		public int[] positions(ScanText text) {
			String lower = text.lowerCase();
			int[] found = new int[8];
			int count = 0;
			for (int at = lower.indexOf('@'); at >= 0; at = lower.indexOf('@', at + 1)) {
				int start = at;
				while (start > 0 && at - start < 64 && LOCAL.contains(lower.charAt(start - 1))) {
					start--;
				}
				boolean tooLong = start > 0 && LOCAL.contains(lower.charAt(start - 1));
				if (start < at && !tooLong) {
					if (count == found.length) {
						found = Arrays.copyOf(found, count * 2);
					}
					found[count++] = start;
				}
			}
			return Arrays.copyOf(found, count);
		}
	}

}
