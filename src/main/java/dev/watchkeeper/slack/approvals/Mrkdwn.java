package dev.watchkeeper.slack.approvals;

/**
 * Makes user- or system-provided text safe inside Slack mrkdwn: {@code &}, {@code <} and {@code >} become entities
 * (so no text can form a mention such as {@code <!channel>} or a link), and triple backticks cannot close a code block.
 */
final class Mrkdwn {

	private Mrkdwn() {
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	/** For text inside a ``` code block. */
	static String code(String text) {
		return escape(text).replace("```", "ʼʼʼ");
	}

	static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}
}
