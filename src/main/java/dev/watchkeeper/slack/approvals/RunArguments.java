package dev.watchkeeper.slack.approvals;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code /wk run <action> name=value name="quoted value" -- free-text reason}.
 * Slack's smart quotes count as quotes, and an em dash (what some clients make of
 * {@code --}) starts the reason too.
 */
record RunArguments(String type, Map<String, String> params, String reason) {

	RunArguments {
		params = Map.copyOf(params);
	}

	/**
	 * @throws IllegalArgumentException with a message for the user
	 */
	static RunArguments parse(String text) {
		String input = text == null ? "" : text.strip();
		String reason = "";
		int separator = reasonStart(input);
		if (separator >= 0) {
			reason = input.substring(separator).replaceFirst("^(--|—)", "").strip();
			input = input.substring(0, separator).strip();
		}
		if (input.isEmpty()) {
			throw new IllegalArgumentException("name the action to run");
		}
		int space = indexOfWhitespace(input);
		String type = space < 0 ? input : input.substring(0, space);
		String rest = space < 0 ? "" : input.substring(space).strip();
		Map<String, String> params = new LinkedHashMap<>();
		int i = 0;
		while (i < rest.length()) {
			int eq = rest.indexOf('=', i);
			int nextSpace = indexOfWhitespace(rest.substring(i));
			if (eq < 0 || (nextSpace >= 0 && i + nextSpace < eq)) {
				String word = nextSpace < 0 ? rest.substring(i) : rest.substring(i, i + nextSpace);
				throw new IllegalArgumentException("expected name=value, got '" + word + "'");
			}
			String name = rest.substring(i, eq).strip();
			int start = eq + 1;
			String value;
			if (start < rest.length() && isQuote(rest.charAt(start))) {
				StringBuilder quoted = new StringBuilder();
				int j = start + 1;
				boolean closed = false;
				while (j < rest.length()) {
					char c = rest.charAt(j);
					if (c == '\\' && j + 1 < rest.length()) {
						quoted.append(rest.charAt(j + 1));
						j += 2;
						continue;
					}
					if (isQuote(c)) {
						closed = true;
						j++;
						break;
					}
					quoted.append(c);
					j++;
				}
				if (!closed) {
					throw new IllegalArgumentException("unclosed quote in the value of '" + name + "'");
				}
				value = quoted.toString();
				i = j;
			}
			else {
				int end = indexOfWhitespace(rest.substring(start));
				value = end < 0 ? rest.substring(start) : rest.substring(start, start + end);
				i = end < 0 ? rest.length() : start + end;
			}
			if (params.putIfAbsent(name, value) != null) {
				throw new IllegalArgumentException("'" + name + "' given twice");
			}
			while (i < rest.length() && Character.isWhitespace(rest.charAt(i))) {
				i++;
			}
		}
		return new RunArguments(type, params, reason);
	}

	/**
	 * Where an unquoted {@code --} (or em dash) standing alone starts the reason; -1 when
	 * there is none.
	 */
	private static int reasonStart(String input) {
		boolean quoted = false;
		for (int i = 0; i < input.length(); i++) {
			char c = input.charAt(i);
			if (c == '\\' && quoted) {
				i++;
				continue;
			}
			if (isQuote(c)) {
				quoted = !quoted;
				continue;
			}
			if (quoted || (i > 0 && !Character.isWhitespace(input.charAt(i - 1)))) {
				continue;
			}
			int length = input.startsWith("--", i) ? 2 : c == '—' ? 1 : 0;
			if (length > 0 && (i + length == input.length() || Character.isWhitespace(input.charAt(i + length)))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isQuote(char c) {
		return c == '"' || c == '“' || c == '”';
	}

	private static int indexOfWhitespace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}
}
