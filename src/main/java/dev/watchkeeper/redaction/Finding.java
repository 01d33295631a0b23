package dev.watchkeeper.redaction;

/** Where a secret was found: its kind and offsets in the original text, never the value. */
public record Finding(String kind, int start, int end) {
}
