package dev.watchkeeper.core;

import java.util.regex.Pattern;

/**
 * A Slack user id such as {@code U024BE7LH}; validated so a forged payload cannot smuggle
 * text in.
 */
public record SlackUserId(String value) {

	private static final Pattern SHAPE = Pattern.compile("[UW][A-Z0-9]{2,20}");

	public SlackUserId {
		if (value == null || !SHAPE.matcher(value).matches()) {
			throw new IllegalArgumentException("not a Slack user id: " + (value == null ? "null" : "'" + value + "'"));
		}
	}

	/**
	 * The Slack mention syntax; only for text Watchkeeper writes itself, never for alert
	 * text.
	 */
	public String mention() {
		return "<@" + value + ">";
	}

	@Override
	public String toString() {
		return value;
	}
}
