package dev.watchkeeper.redaction.internal;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of one regular expression. If the pattern has a group named
 * {@code secret}, only that group is replaced ({@code password=} stays, the value goes);
 * a group named {@code key} is handed to the check, which decides on the value whether
 * the match is really a secret (Luhn, entropy, placeholder values...).
 */
public final class RegexDetector implements Detector {

	/**
	 * Decides whether a matched value is a secret; {@code key} is empty when the pattern
	 * has no key group.
	 */
	@FunctionalInterface
	public interface Check {

		Check ANY = (key, value) -> true;

		boolean accept(String key, String value);

	}

	private final String kind;

	private final int priority;

	private final Starts starts;

	private final Pattern pattern;

	private final Check check;

	private final boolean hasSecretGroup;

	private final boolean hasKeyGroup;

	private final boolean unquote;

	private final boolean extendAcrossAmpersands;

	RegexDetector(String kind, int priority, Starts starts, Pattern pattern, Check check, boolean unquote) {
		this(kind, priority, starts, pattern, check, unquote, false);
	}

	private RegexDetector(String kind, int priority, Starts starts, Pattern pattern, Check check, boolean unquote,
			boolean extendAcrossAmpersands) {
		this.kind = kind;
		this.priority = priority;
		this.starts = starts;
		this.pattern = pattern;
		this.check = check;
		// Java 17 has no API to ask a Pattern for its group names
		this.hasSecretGroup = pattern.pattern().contains("(?<secret>");
		this.hasKeyGroup = pattern.pattern().contains("(?<key>");
		this.unquote = unquote;
		this.extendAcrossAmpersands = extendAcrossAmpersands;
	}

	/**
	 * This detector, but an unquoted value goes on across an {@code &} unless a query
	 * parameter ({@code &name=}) follows: {@code ?token=abc&user=bob} stops at {@code &},
	 * {@code PASSWORD=Tr0ub4dor&3} does not.
	 */
	RegexDetector extendingAcrossAmpersands() {
		return new RegexDetector(kind, priority, starts, pattern, check, unquote, true);
	}

	/**
	 * A detector from configuration: whole match (or its {@code secret} group), no
	 * keywords, highest priority.
	 */
	public static RegexDetector custom(String kind, Pattern pattern) {
		return new RegexDetector(kind, 0, Starts.EVERYWHERE, pattern, Check.ANY, false);
	}

	@Override
	public String kind() {
		return kind;
	}

	@Override
	public int priority() {
		return priority;
	}

	@Override
	public void find(ScanText scan, Consumer<Span> found) {
		int[] positions = starts.positions(scan);
		if (positions != null && positions.length == 0) {
			return;
		}
		CharSequence text = scan.chars();
		// transparent bounds: look-behinds see the text before a region's start; no
		// anchoring bounds: ^ and $ mean
		// the text's ends, not the region's
		Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
		if (positions == null) {
			while (matcher.find()) {
				matcher.region(report(matcher, text, found), text.length());
			}
			return;
		}
		int scannedTo = 0;
		for (int position : positions) {
			if (position < scannedTo) {
				continue; // inside the previous match
			}
			matcher.region(position, text.length());
			if (matcher.lookingAt()) {
				scannedTo = Math.max(report(matcher, text, found), position + 1);
			}
		}
	}

	/**
	 * Reports the current match if it passes the checks; returns where scanning goes on.
	 */
	private int report(Matcher matcher, CharSequence text, Consumer<Span> found) {
		int matchEnd = Math.max(matcher.end(), matcher.start() + 1);
		int start = hasSecretGroup ? matcher.start("secret") : matcher.start();
		int end = hasSecretGroup ? matcher.end("secret") : matcher.end();
		if (start < 0) {
			return matchEnd; // an optional secret group that did not take part
		}
		if (unquote) {
			int quote = quoteLength(text, start, end);
			start += quote;
			end -= quote;
		}
		if (start >= end) {
			return matchEnd;
		}
		String key = hasKeyGroup && matcher.group("key") != null ? matcher.group("key") : "";
		if (extendAcrossAmpersands && end == matcher.end()) {
			int extended = extendAcrossAmpersands(text, end);
			if (extended > end) {
				end = extended;
				matchEnd = extended; // go on scanning after the extension: it is taken
			}
		}
		if (check.accept(key, text.subSequence(start, end).toString())) {
			found.accept(new Span(kind, priority, start, end));
		}
		return matchEnd;
	}

	private static int extendAcrossAmpersands(CharSequence text, int end) {
		int at = end;
		while (at < text.length() && text.charAt(at) == '&' && !startsQueryParameter(text, at + 1)) {
			at++;
			while (at < text.length() && !isValueDelimiter(text.charAt(at))) {
				at++;
			}
		}
		return at;
	}

	/** {@code name=} with a short parameter name. */
	private static boolean startsQueryParameter(CharSequence text, int from) {
		for (int i = from; i < text.length() && i < from + 64; i++) {
			char c = text.charAt(i);
			if (c == '=') {
				return i > from;
			}
			if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '[' || c == ']')) {
				return false;
			}
		}
		return false;
	}

	private static boolean isValueDelimiter(char c) {
		return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '`' || c == ',' || c == ';' || c == '&';
	}

	/**
	 * Length of matching quotes around a value: 1 for "..." or '...', 2 for JSON-escaped
	 * \"...\".
	 */
	private static int quoteLength(CharSequence text, int start, int end) {
		int length = end - start;
		if (length >= 4 && text.charAt(start) == '\\' && text.charAt(start + 1) == '"' && text.charAt(end - 2) == '\\'
				&& text.charAt(end - 1) == '"') {
			return 2;
		}
		if (length >= 2) {
			char first = text.charAt(start);
			if ((first == '"' || first == '\'') && text.charAt(end - 1) == first) {
				return 1;
			}
		}
		return 0;
	}

	@Override
	public String toString() {
		return kind + " /" + pattern.pattern() + "/";
	}

}
