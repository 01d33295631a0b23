package dev.watchkeeper.slack.runbooks;

import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.slack.internal.SlackText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runbook Markdown as Slack mrkdwn: redacted first, then escaped (step text carries alert
 * values, so nothing in it may form a mention or link), then {@code **bold**} becomes
 * {@code *bold*} outside code. Fenced blocks and inline code spans are kept as they are,
 * apart from the escaping Slack itself undoes when it shows them.
 */
final class RunbookMrkdwn {

	/**
	 * A fenced block, an inline code span, or bold text; code is matched first so bold
	 * inside it stays literal.
	 */
	private static final Pattern PARTS = Pattern.compile("(?s)(```.*?```|`[^`\\n]*`)|\\*\\*(.+?)\\*\\*");

	private RunbookMrkdwn() {
	}

	static String of(String markdown, Redactor redactor) {
		String safe = SlackText.escape(redactor.redact(markdown).text());
		Matcher matcher = PARTS.matcher(safe);
		StringBuilder out = new StringBuilder(safe.length());
		while (matcher.find()) {
			String replacement = matcher.group(1) != null ? matcher.group(1) : "*" + matcher.group(2) + "*";
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		return dedentFences(out.toString());
	}

	/** Redacted and escaped, for text that is not Markdown (titles, reasons, values). */
	static String plain(String text, Redactor redactor) {
		return SlackText.escape(redactor.redact(text).text());
	}

	/**
	 * Shortens to {@code max} characters with an ellipsis, closing a code fence left open
	 * by the cut so the rest of the message is not swallowed by it.
	 */
	static String fit(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		String cut = text.substring(0, max - 5);
		// an entity cut in half (&am) would show as raw text: drop it
		int amp = cut.lastIndexOf('&');
		if (amp >= 0 && cut.indexOf(';', amp) < 0 && cut.length() - amp < 6) {
			cut = cut.substring(0, amp);
		}
		cut = cut + "…";
		if (countFences(cut) % 2 == 1) {
			cut = cut + "\n```";
		}
		return cut;
	}

	// list items indent their fences and Slack shows a language tag as code: drop both
	private static String dedentFences(String text) {
		return text.replaceAll("(?m)^[ \\t]+(```)", "$1").replaceAll("```[A-Za-z0-9_+-]+\\n", "```\n");
	}

	private static int countFences(String text) {
		int count = 0;
		int at = text.indexOf("```");
		while (at >= 0) {
			count++;
			at = text.indexOf("```", at + 3);
		}
		return count;
	}

}
