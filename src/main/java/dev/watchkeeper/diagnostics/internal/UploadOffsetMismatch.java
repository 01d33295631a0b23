package dev.watchkeeper.diagnostics.internal;

/**
 * An upload part did not start where the stored ciphertext ends (or another upload is
 * running); answered with 409.
 */
public class UploadOffsetMismatch extends RuntimeException {

	private final long expected;

	public UploadOffsetMismatch(long expected) {
		super("upload parts must be sent in order without overlap: the next part starts at byte " + expected);
		this.expected = expected;
	}

	public long expected() {
		return expected;
	}

}
