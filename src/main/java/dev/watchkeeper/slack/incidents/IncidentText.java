package dev.watchkeeper.slack.incidents;

import dev.watchkeeper.alerts.Severity;
import dev.watchkeeper.slack.internal.SlackText;
import java.util.regex.Pattern;

/**
 * Makes alert text safe for Slack mrkdwn: entities for {@code &}, {@code <}, {@code >}
 * (no mention, no link can form), and a word joiner after a bare {@code @channel},
 * {@code @here} or {@code @everyone} in case a client still linkifies them. Also the
 * shared bits of wording (severity emoji, truncation).
 */
final class IncidentText {

	private static final Pattern BARE_MENTION = Pattern.compile("@(?=(channel|here|everyone)\\b)",
			Pattern.CASE_INSENSITIVE);

	private IncidentText() {
	}

	static String mrkdwn(String alertText) {
		return withoutBareMentions(SlackText.escape(alertText));
	}

	static String withoutBareMentions(String text) {
		return BARE_MENTION.matcher(text).replaceAll("@\u2060");
	}

	/** For inline code spans: a backtick would end the span early. */
	static String code(String alertText) {
		return "`" + mrkdwn(alertText.replace('`', '\'')) + "`";
	}

	static String fit(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		return text.substring(0, max - 1) + "…";
	}

	static String emoji(Severity severity, boolean open) {
		if (!open) {
			return ":white_check_mark:";
		}
		return switch (severity) {
			case CRITICAL -> ":red_circle:";
			case HIGH -> ":large_orange_circle:";
			case WARNING -> ":large_yellow_circle:";
			case INFO, NONE -> ":large_blue_circle:";
		};
	}

}
