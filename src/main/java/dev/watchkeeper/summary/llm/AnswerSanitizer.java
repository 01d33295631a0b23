package dev.watchkeeper.summary.llm;

import dev.watchkeeper.redaction.Redactor;
import java.util.regex.Pattern;

/**
 * Treats the model's answer as untrusted text: redacts it, escapes it for Slack mrkdwn so
 * it cannot form mentions or links, defuses broadcast keywords and bounds its length. The
 * result is display text only.
 */
public final class AnswerSanitizer {

	static final int MAX_CHARS = 1500;

	private static final Pattern BROADCAST = Pattern.compile("@(channel|here|everyone)\\b", Pattern.CASE_INSENSITIVE);

	private final Redactor redactor;

	public AnswerSanitizer(Redactor redactor) {
		this.redactor = redactor;
	}

	public String sanitize(String answer) {
		String text = answer.strip();
		if (text.length() > MAX_CHARS * 2) {
			text = text.substring(0, MAX_CHARS * 2);
		}
		text = redactor.redact(text).text();
		text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
		text = BROADCAST.matcher(text).replaceAll("(at)$1");
		if (text.length() > MAX_CHARS) {
			text = text.substring(0, MAX_CHARS) + "…";
		}
		return text;
	}

}
