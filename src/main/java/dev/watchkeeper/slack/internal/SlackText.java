package dev.watchkeeper.slack.internal;

/**
 * Escaping for Slack mrkdwn: {@code &}, {@code <} and {@code >} become entities, so text
 * from alerts or users can never form a mention ({@code <!channel>}, {@code <@U123>}) or
 * a link.
 */
public final class SlackText {

	private SlackText() {
	}

	public static String escape(String text) {
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

}
