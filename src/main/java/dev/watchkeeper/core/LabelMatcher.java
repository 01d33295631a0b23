package dev.watchkeeper.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher as Alertmanager writes them: {@code name=value}, {@code name!=value},
 * {@code name=~regex}, {@code name!~regex}. Regexes are anchored (they must match the
 * whole value) and a missing label reads as the empty string, both exactly as in
 * Alertmanager.
 */
public record LabelMatcher(String name, Operator operator, String value, Pattern pattern) {

	private static final Pattern SYNTAX = Pattern
		.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^,]*?)\\s*");

	/** The four Alertmanager operators. */
	public enum Operator {

		EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

		private final String symbol;

		Operator(String symbol) {
			this.symbol = symbol;
		}

		public String symbol() {
			return symbol;
		}

		static Operator of(String symbol) {
			for (Operator op : values()) {
				if (op.symbol.equals(symbol)) {
					return op;
				}
			}
			throw new IllegalArgumentException("unknown operator " + symbol);
		}

	}

	public LabelMatcher {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(operator, "operator");
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(pattern, "pattern");
	}

	public static LabelMatcher of(String name, Operator operator, String value) {
		Pattern pattern;
		try {
			pattern = switch (operator) {
				case REGEX, NOT_REGEX -> Pattern.compile(value);
				case EQUAL, NOT_EQUAL -> Pattern.compile(Pattern.quote(value));
			};
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException(
					"invalid regex in matcher " + name + operator.symbol() + value + ": " + ex.getDescription());
		}
		return new LabelMatcher(name, operator, value, pattern);
	}

	/**
	 * Parses {@code name=value}, {@code name=~"regex"} and so on; quotes around the value
	 * are optional.
	 */
	public static LabelMatcher parse(String text) {
		Matcher m = SYNTAX.matcher(text);
		if (!m.matches()) {
			throw new IllegalArgumentException("not a label matcher: '" + text
					+ "' (expected name=value, name!=value, name=~regex or name!~regex)");
		}
		String raw = m.group(3);
		String value = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")
				? raw.substring(1, raw.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\") : raw;
		return of(m.group(1), Operator.of(m.group(2)), value);
	}

	/**
	 * Parses a comma-separated list, optionally in braces: {@code {severity="critical",
	 * team=~"db|infra"}}.
	 */
	public static List<LabelMatcher> parseList(String text) {
		String body = text.strip();
		if (body.startsWith("{") && body.endsWith("}")) {
			body = body.substring(1, body.length() - 1);
		}
		List<LabelMatcher> matchers = new ArrayList<>();
		for (String part : splitOutsideQuotes(body)) {
			if (!part.isBlank()) {
				matchers.add(parse(part));
			}
		}
		return matchers;
	}

	public boolean matches(Map<String, String> labels) {
		String actual = labels.getOrDefault(name, "");
		return switch (operator) {
			case EQUAL -> actual.equals(value);
			case NOT_EQUAL -> !actual.equals(value);
			case REGEX -> pattern.matcher(actual).matches();
			case NOT_REGEX -> !pattern.matcher(actual).matches();
		};
	}

	/**
	 * True when every matcher matches (an empty list matches everything, as in
	 * Alertmanager routes).
	 */
	public static boolean allMatch(List<LabelMatcher> matchers, Map<String, String> labels) {
		return matchers.stream().allMatch(m -> m.matches(labels));
	}

	private static List<String> splitOutsideQuotes(String text) {
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && quoted && i + 1 < text.length()) {
				current.append(c).append(text.charAt(++i));
				continue;
			}
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == ',' && !quoted) {
				parts.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		parts.add(current.toString());
		return parts;
	}

	@Override
	public String toString() {
		return name + operator.symbol() + value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof LabelMatcher m && m.name.equals(name) && m.operator == operator
				&& m.value.equals(value);
	}

	@Override
	public int hashCode() {
		return Objects.hash(name, operator, value);
	}
}
