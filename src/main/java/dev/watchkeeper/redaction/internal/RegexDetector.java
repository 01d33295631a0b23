package dev.watchkeeper.redaction.internal;

import java.util.Set;
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

	private final Continuation continuation;

	/**
	 * How an unquoted value that the pattern stopped at a delimiter ({@code ; , &} or a
	 * space) may go on: a password may contain any of them, and leaking its tail is worse
	 * than hiding a little more than the value.
	 */
	enum Continuation {

		/** The match is the value. */
		NONE,

		/**
		 * {@code key=value} in logs, URLs and command lines: the value goes on across
		 * {@code ;}, {@code ,} and {@code &} unless what follows starts another parameter
		 * ({@code name=}; for {@code ;} and {@code ,} also {@code  name=}), or a blank, a
		 * quote, another delimiter or the end. Spaces end it.
		 */
		ACROSS_DELIMITERS,

		/**
		 * A {@code ;}-separated connection string ({@code Server=…;Password=…;}): the
		 * value is everything up to the {@code ;} that starts the next {@code name=} or
		 * ends the string (followed by a blank, a quote, another {@code ;} or the end),
		 * or up to a quote or the end of the line. Spaces and commas are part of it.
		 */
		CONNECTION_STRING

	}

	/**
	 * The longest stretch a value is continued by: bounds the work per match, so the scan
	 * stays linear.
	 */
	private static final int MAX_CONTINUATION = 1024;

	RegexDetector(String kind, int priority, Starts starts, Pattern pattern, Check check, boolean unquote) {
		this(kind, priority, starts, pattern, check, unquote, Continuation.NONE);
	}

	private RegexDetector(String kind, int priority, Starts starts, Pattern pattern, Check check, boolean unquote,
			Continuation continuation) {
		this.kind = kind;
		this.priority = priority;
		this.starts = starts;
		this.pattern = pattern;
		this.check = check;
		// Java 17 has no API to ask a Pattern for its group names
		this.hasSecretGroup = pattern.pattern().contains("(?<secret>");
		this.hasKeyGroup = pattern.pattern().contains("(?<key>");
		this.unquote = unquote;
		this.continuation = continuation;
	}

	/**
	 * This detector, but an unquoted value at the end of the match goes on as the
	 * continuation says: {@code ?token=abc&user=bob} stops at {@code &},
	 * {@code PASSWORD=Tr0ub4dor&3} and {@code password=ab;cd,ef} do not.
	 */
	RegexDetector continuing(Continuation continuation) {
		return new RegexDetector(kind, priority, starts, pattern, check, unquote, continuation);
	}

	/**
	 * A detector from configuration: whole match (or its {@code secret} group), no
	 * keywords, highest priority.
	 */
	public static RegexDetector custom(String kind, Pattern pattern) {
		return new RegexDetector(kind, 0, Starts.EVERYWHERE, pattern, Check.ANY, false);
	}

	@Override
	public Set<String> kinds() {
		return Set.of(kind);
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
		if (continuation != Continuation.NONE && end == matcher.end()) {
			int extended = continuation == Continuation.CONNECTION_STRING ? continueConnectionString(text, end)
					: continueAcrossDelimiters(text, end);
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

	private static int continueAcrossDelimiters(CharSequence text, int end) {
		int limit = Math.min(text.length(), end + MAX_CONTINUATION);
		int at = end;
		while (at < limit) {
			char c = text.charAt(at);
			if (!(c == ';' || c == ',' || c == '&') || endsValue(text, at, c != '&', false)) {
				break;
			}
			at++;
			while (at < limit && !isValueDelimiter(text.charAt(at))) {
				at++;
			}
		}
		return at;
	}

	private static int continueConnectionString(CharSequence text, int end) {
		int limit = Math.min(text.length(), end + MAX_CONTINUATION);
		int at = end;
		while (at < limit) {
			char c = text.charAt(at);
			if (c == '\r' || c == '\n' || c == '"' || c == '\'' || (c == ';' && endsValue(text, at, true, true))) {
				break;
			}
			at++;
		}
		while (at > end && (text.charAt(at - 1) == ' ' || text.charAt(at - 1) == '\t')) {
			at--; // blanks before the line's end or the closing ';' are layout, not value
		}
		return at;
	}

	/**
	 * Whether the delimiter at {@code at} ends the value: it is followed by the end, a
	 * blank, a quote, another delimiter, or the next parameter.
	 */
	private static boolean endsValue(CharSequence text, int at, boolean spacesBeforeName, boolean spacesInName) {
		int next = at + 1;
		if (next >= text.length() || isValueDelimiter(text.charAt(next))) {
			return true;
		}
		return startsParameter(text, next, spacesBeforeName, spacesInName);
	}

	/**
	 * {@code name=} with a short parameter name, perhaps after blanks
	 * ({@code , user=bob}); inner spaces only in connection strings ({@code User Id=}),
	 * where otherwise {@code ab,cd grant_type=x} would end a value at {@code ab}.
	 */
	private static boolean startsParameter(CharSequence text, int from, boolean spacesBefore, boolean spacesInside) {
		int at = from;
		if (spacesBefore) {
			while (at < text.length() && at < from + 8 && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
				at++;
			}
		}
		int nameStart = at;
		for (int i = at; i < text.length() && i < nameStart + 64; i++) {
			char c = text.charAt(i);
			if (c == '=') {
				return i > nameStart && text.charAt(nameStart) != ' ';
			}
			if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '[' || c == ']'
					|| (spacesInside && c == ' '))) {
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
