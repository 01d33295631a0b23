package dev.watchkeeper.redaction.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Refuses regular expressions from settings that contain the classic shape of
 * catastrophic backtracking: a repeated group holding a quantifier of variable count,
 * such as {@code (a+)+}, {@code (\w+\s?)*}, {@code (?:[a-z]{1,64}\.)+}. On a near-match
 * {@code java.util.regex} tries every way of splitting the input between the inner and
 * the outer repetition: exponential time. Watchkeeper would withhold the text when the
 * time budget runs out, never leak it, but every such text would cost the full budget.
 *
 * <p>
 * What passes: a possessive inner or outer quantifier ({@code (a++)+}, {@code (a+)++}) or
 * an atomic group ({@code (?>a+)+}), which cannot give characters back; a group repeated
 * at most once ({@code (a+)?}); an inner quantifier of fixed count ({@code (ab{3})+}) or
 * at most one ({@code (ab?)+}). What this does not catch: overlapping alternatives under
 * a repetition ({@code (a|a)*}, {@code (a|ab)*}) and polynomial shapes such as
 * {@code \d+\d+\d+x} or a pattern tried at every position; telling those apart from
 * harmless patterns needs an automaton analysis, so the time budget stays the protection
 * against them. Back-references and {@code (?x)} comments are not interpreted.
 */
public final class NestedQuantifierGuard {

	private NestedQuantifierGuard() {
	}

	/**
	 * The offending part of the pattern (a repeated group and its quantifier), if it has
	 * one. The pattern must already compile.
	 */
	public static Optional<String> find(String regex) {
		return new Scan(regex).run();
	}

	/** One open group while scanning. */
	private static final class Group {

		final int start;

		final boolean atomic;

		/**
		 * A non-possessive quantifier that can repeat and vary sits inside, outside any
		 * atomic group.
		 */
		boolean variableInside;

		Group(int start, boolean atomic) {
			this.start = start;
			this.atomic = atomic;
		}

	}

	/** A quantifier and where it ends. */
	private record Quantifier(int min, int max, boolean possessive, int end) {

		static final int UNBOUNDED = Integer.MAX_VALUE;

		boolean repeats() {
			return max >= 2;
		}

		boolean variable() {
			return repeats() && min < max;
		}

	}

	private static final class Scan {

		private final String regex;

		private final Deque<Group> groups = new ArrayDeque<>();

		Scan(String regex) {
			this.regex = regex;
		}

		Optional<String> run() {
			groups.push(new Group(0, false));
			int at = 0;
			while (at < regex.length()) {
				char c = regex.charAt(at);
				if (c == '\\') {
					at = quantified(skipEscape(at));
				}
				else if (c == '[') {
					at = quantified(skipClass(at));
				}
				else if (c == '(') {
					at = openGroup(at);
				}
				else if (c == ')' && groups.size() > 1) {
					Group group = groups.pop();
					@Nullable Quantifier quantifier = quantifier(at + 1);
					if (quantifier != null && quantifier.repeats() && !quantifier.possessive() && !group.atomic
							&& group.variableInside) {
						return Optional.of(regex.substring(group.start, quantifier.end()));
					}
					boolean variable = !group.atomic && (quantifier == null || !quantifier.possessive())
							&& (group.variableInside || (quantifier != null && quantifier.variable()));
					groups.peek().variableInside |= variable;
					at = quantifier == null ? at + 1 : quantifier.end();
				}
				else {
					at = quantified(at + 1);
				}
			}
			return Optional.empty();
		}

		/** Records a quantifier after an atom; returns where scanning goes on. */
		private int quantified(int atomEnd) {
			@Nullable Quantifier quantifier = quantifier(atomEnd);
			if (quantifier == null) {
				return atomEnd;
			}
			if (quantifier.variable() && !quantifier.possessive()) {
				groups.peek().variableInside = true;
			}
			return quantifier.end();
		}

		private int openGroup(int at) {
			if (regex.startsWith("(?", at)) {
				int next = at + 2;
				if (next < regex.length()) {
					char kind = regex.charAt(next);
					if (kind == '>') {
						groups.push(new Group(at, true));
						return next + 1;
					}
					if (kind == ':' || kind == '=' || kind == '!') {
						groups.push(new Group(at, false));
						return next + 1;
					}
					if (kind == '<') {
						// (?<=, (?<! look-behinds and (?<name> groups
						int close = regex.charAt(next + 1) == '=' || regex.charAt(next + 1) == '!' ? next + 2
								: regex.indexOf('>', next) + 1;
						groups.push(new Group(at, false));
						return Math.max(close, next + 1);
					}
					// inline flags: (?i) sets flags, (?i:...) is a group
					int end = next;
					while (end < regex.length() && regex.charAt(end) != ')' && regex.charAt(end) != ':') {
						end++;
					}
					if (end < regex.length() && regex.charAt(end) == ':') {
						groups.push(new Group(at, false));
					}
					return end + 1;
				}
			}
			groups.push(new Group(at, false));
			return at + 1;
		}

		private int skipEscape(int at) {
			if (regex.startsWith("\\Q", at)) {
				int end = regex.indexOf("\\E", at + 2);
				return end < 0 ? regex.length() : end + 2;
			}
			return Math.min(regex.length(), at + 2);
		}

		/**
		 * Past the {@code ]} that closes the class opened at {@code at}, nested classes
		 * included.
		 */
		private int skipClass(int at) {
			int depth = 0;
			int i = at;
			while (i < regex.length()) {
				char c = regex.charAt(i);
				if (c == '\\') {
					i = skipEscape(i);
					continue;
				}
				if (c == '[') {
					depth++;
					i++;
					// a ']' right after '[' or '[^' is a literal
					if (i < regex.length() && regex.charAt(i) == '^') {
						i++;
					}
					if (i < regex.length() && regex.charAt(i) == ']') {
						i++;
					}
					continue;
				}
				if (c == ']' && --depth == 0) {
					return i + 1;
				}
				i++;
			}
			return regex.length();
		}

		private @Nullable Quantifier quantifier(int at) {
			if (at >= regex.length()) {
				return null;
			}
			char c = regex.charAt(at);
			int min;
			int max;
			int end;
			if (c == '*' || c == '+' || c == '?') {
				min = c == '+' ? 1 : 0;
				max = c == '?' ? 1 : Quantifier.UNBOUNDED;
				end = at + 1;
			}
			else if (c == '{') {
				int close = regex.indexOf('}', at);
				if (close < 0) {
					return null;
				}
				String[] bounds = regex.substring(at + 1, close).split(",", -1);
				try {
					min = Integer.parseInt(bounds[0].strip());
					max = bounds.length == 1 ? min
							: bounds[1].isBlank() ? Quantifier.UNBOUNDED : Integer.parseInt(bounds[1].strip());
				}
				catch (NumberFormatException ex) {
					return null; // \p{L} and the like are not quantifiers
				}
				end = close + 1;
			}
			else {
				return null;
			}
			boolean possessive = end < regex.length() && regex.charAt(end) == '+';
			if (end < regex.length() && (regex.charAt(end) == '+' || regex.charAt(end) == '?')) {
				end++; // possessive or lazy; a lazy quantifier backtracks like a greedy
						// one
			}
			return new Quantifier(min, max, possessive, end);
		}

	}

}
