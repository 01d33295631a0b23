package dev.watchkeeper.slack.approvals;

import dev.watchkeeper.slack.internal.SlackText;

/**
 * Text helpers for the approval messages: escaping is {@link SlackText#escape}, shared by
 * every Slack message; code blocks additionally defuse triple backticks.
 */
final class Mrkdwn {

	private Mrkdwn() {
	}

	static String escape(String text) {
		return SlackText.escape(text);
	}

	/** For text inside a ``` code block. */
	static String code(String text) {
		return escape(text).replace("```", "ʼʼʼ");
	}

	static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

}
