package dev.watchkeeper.redaction.internal;

/**
 * A candidate replacement found by one detector: half-open {@code [start, end)} in the
 * scanned text.
 */
public record Span(String kind, int priority, int start, int end) {

	public boolean overlaps(int otherStart, int otherEnd) {
		return start < otherEnd && otherStart < end;
	}
}
