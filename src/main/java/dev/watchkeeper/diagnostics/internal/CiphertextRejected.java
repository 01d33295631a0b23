package dev.watchkeeper.diagnostics.internal;

import java.io.IOException;

/**
 * A ciphertext failed authentication or is malformed: modified, truncated, reordered,
 * extended, or opened with the wrong key. No plaintext of a rejected chunk is ever
 * released. An {@link IOException} so that streams can throw it.
 */
public class CiphertextRejected extends IOException {

	public CiphertextRejected(String message) {
		super(message);
	}

}
