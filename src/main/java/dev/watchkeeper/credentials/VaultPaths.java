package dev.watchkeeper.credentials;

import java.util.regex.Pattern;

/** Shared checks for identifiers that become part of a Vault request. */
final class VaultPaths {

	private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.+-]+(/[A-Za-z0-9_.+-]+)+");

	private static final int MAX_LENGTH = 512;

	private VaultPaths() {
	}

	static String clean(String text) {
		String value = text == null ? "" : text.strip();
		// Slack users often wrap ids in backticks or angle brackets
		while (value.length() >= 2
				&& ((value.startsWith("`") && value.endsWith("`")) || (value.startsWith("<") && value.endsWith(">")))) {
			value = value.substring(1, value.length() - 1).strip();
		}
		return value;
	}

	static void requireSafePath(String value, String what, String example) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("a " + what + " is required, e.g. " + example);
		}
		if (value.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("the " + what + " is longer than " + MAX_LENGTH + " characters");
		}
		if (!PATH.matcher(value).matches()) {
			throw new IllegalArgumentException("not a Vault " + what + " (path segments of letters, digits, "
					+ "_ . + - separated by /), e.g. " + example);
		}
		for (String segment : value.split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				throw new IllegalArgumentException("a " + what + " cannot contain '.' or '..' segments");
			}
		}
	}

}
