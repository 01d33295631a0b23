package dev.watchkeeper.redaction.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The text cut into lines and read the way a YAML reader would, just enough to find where
 * a value ends: each line's indentation (spaces only: YAML forbids tabs there, and
 * tab-indented lines are usually stack frames), whether it starts a list item
 * ({@code - }), and its {@code key: value} if it has one. One pass over the text; no
 * regular expressions, so linear whatever the input.
 */
final class YamlLines {

	/** Longest key considered: Kubernetes annotation keys reach ~250 characters. */
	private static final int MAX_KEY = 256;

	private final String text;

	private final int[] starts;

	/** End of each line's content: before {@code \r\n} or {@code \n}. */
	private final int[] ends;

	private final int count;

	/**
	 * Leading spaces of each line, -1 for a blank line: worked out once, since a line is
	 * looked at again by every enclosing block.
	 */
	private final int[] indents;

	private YamlLines(String text, int[] starts, int[] ends, int count) {
		this.text = text;
		this.starts = starts;
		this.ends = ends;
		this.count = count;
		this.indents = new int[count];
		for (int line = 0; line < count; line++) {
			int at = starts[line];
			while (at < ends[line] && text.charAt(at) == ' ') {
				at++;
			}
			int indent = at - starts[line];
			while (at < ends[line] && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
				at++;
			}
			indents[line] = at == ends[line] ? -1 : indent;
		}
	}

	static YamlLines of(String text) {
		int[] starts = new int[16];
		int[] ends = new int[16];
		int count = 0;
		int start = 0;
		while (start <= text.length()) {
			int newline = text.indexOf('\n', start);
			int end = newline < 0 ? text.length() : newline;
			if (count == starts.length) {
				starts = Arrays.copyOf(starts, count * 2);
				ends = Arrays.copyOf(ends, count * 2);
			}
			starts[count] = start;
			ends[count] = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
			count++;
			if (newline < 0) {
				break;
			}
			start = newline + 1;
		}
		return new YamlLines(text, starts, ends, count);
	}

	int count() {
		return count;
	}

	String text() {
		return text;
	}

	int end(int line) {
		return ends[line];
	}

	/** Leading spaces of a non-blank line. */
	int indent(int line) {
		return indents[line];
	}

	/** Empty, or only spaces and tabs. */
	boolean blank(int line) {
		return indents[line] < 0;
	}

	/** A document marker ({@code ---} or {@code ...}) at the start of a line. */
	boolean documentMarker(int line) {
		int at = starts[line];
		return ends[line] - at >= 3 && (text.startsWith("---", at) || text.startsWith("...", at))
				&& (ends[line] - at == 3 || text.charAt(at + 3) == ' ' || text.charAt(at + 3) == '\t');
	}

	/**
	 * Whether the line, after its indentation, starts with {@code - } or is a lone
	 * {@code -}.
	 */
	boolean item(int line) {
		int at = starts[line] + Math.max(0, indent(line));
		return at < ends[line] && text.charAt(at) == '-'
				&& (at + 1 == ends[line] || text.charAt(at + 1) == ' ' || text.charAt(at + 1) == '\t');
	}

	/**
	 * The {@code key: value} on a line ({@code - key: value} in a list item), or
	 * {@code null}. A key is quoted, or a run without spaces that ends in a colon
	 * followed by a space or the line's end: {@code 2024-01-15 10:30:00 ERROR token:} is
	 * not a key line, so log text does not pass for YAML.
	 */
	@Nullable Entry entry(int line) {
		int end = ends[line];
		int at = starts[line] + Math.max(0, indent(line));
		while (at + 1 < end && text.charAt(at) == '-' && (text.charAt(at + 1) == ' ' || text.charAt(at + 1) == '\t')) {
			at += 2; // "- key:" and "- - key:"
			while (at < end && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
				at++;
			}
		}
		if (at >= end) {
			return null;
		}
		int keyColumn = at - starts[line];
		char first = text.charAt(at);
		String key;
		int colon;
		if (first == '"' || first == '\'') {
			int close = text.indexOf(first, at + 1);
			if (close < 0 || close >= end || close - at > MAX_KEY) {
				return null;
			}
			key = text.substring(at + 1, close);
			colon = close + 1;
			while (colon < end && (text.charAt(colon) == ' ' || text.charAt(colon) == '\t')) {
				colon++;
			}
			if (colon >= end || text.charAt(colon) != ':') {
				return null;
			}
		}
		else {
			if (first == '#' || first == ':' || first == '{' || first == '[') {
				return null;
			}
			colon = -1;
			for (int i = at; i < end && i - at <= MAX_KEY; i++) {
				char c = text.charAt(i);
				if (c == ' ' || c == '\t') {
					return null;
				}
				if (c == ':' && (i + 1 == end || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t')) {
					colon = i;
					break;
				}
			}
			if (colon <= at) {
				return null;
			}
			key = text.substring(at, colon);
		}
		int valueStart = colon + 1;
		while (valueStart < end && (text.charAt(valueStart) == ' ' || text.charAt(valueStart) == '\t')) {
			valueStart++;
		}
		int valueEnd = end;
		while (valueEnd > valueStart && (text.charAt(valueEnd - 1) == ' ' || text.charAt(valueEnd - 1) == '\t')) {
			valueEnd--;
		}
		return new Entry(key, keyColumn, valueStart, valueEnd);
	}

	/**
	 * Whether the value on an entry's line is a block scalar header ({@code |},
	 * {@code >-}, {@code |2+}, optionally after a tag such as {@code !!binary} and before
	 * a comment): the value itself is on the lines below.
	 */
	boolean blockHeader(Entry entry) {
		int at = entry.valueStart();
		int end = entry.valueEnd();
		if (at < end && text.charAt(at) == '!') {
			while (at < end && text.charAt(at) != ' ' && text.charAt(at) != '\t') {
				at++;
			}
			while (at < end && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
				at++;
			}
		}
		if (at >= end || (text.charAt(at) != '|' && text.charAt(at) != '>')) {
			return false;
		}
		at++;
		for (int i = 0; i < 2 && at < end; i++, at++) {
			char c = text.charAt(at);
			if (!(c == '+' || c == '-' || (c >= '1' && c <= '9'))) {
				break;
			}
		}
		return at == end || ((text.charAt(at) == ' ' || text.charAt(at) == '\t') && commentFollows(at, end));
	}

	private boolean commentFollows(int at, int end) {
		while (at < end && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
			at++;
		}
		return at == end || text.charAt(at) == '#';
	}

	/** Nothing on the entry's line after the colon but perhaps a comment. */
	boolean emptyValue(Entry entry) {
		return entry.valueStart() == entry.valueEnd() || text.charAt(entry.valueStart()) == '#';
	}

	/**
	 * The lines below {@code line} that belong to a node whose key sits at
	 * {@code column}: every following line indented further, with blank lines inside.
	 * Returns the first and last of them as {@code [first, last]}, or {@code null} if the
	 * next non-blank line is not indented further.
	 */
	int @Nullable [] childLines(int line, int column) {
		int first = -1;
		int last = -1;
		for (int next = line + 1; next < count; next++) {
			if (blank(next)) {
				continue;
			}
			if (indent(next) <= column) {
				break;
			}
			if (first < 0) {
				first = next;
			}
			last = next;
		}
		return first < 0 ? null : new int[] { first, last };
	}

	/** Offset of a line's first character after its indentation. */
	int contentStart(int line) {
		return starts[line] + indent(line);
	}

	/**
	 * One {@code key: value} found on a line; offsets into the text, the value without
	 * surrounding blanks.
	 */
	record Entry(String key, int keyColumn, int valueStart, int valueEnd) {
	}

}
