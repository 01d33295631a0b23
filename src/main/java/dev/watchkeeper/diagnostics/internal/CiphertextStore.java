package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.ShareId;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where ciphertext lives. Implementations stream in bounded buffers: nothing ever holds a
 * whole share in memory. Confidentiality does not depend on the store (it only ever sees
 * ciphertext); availability across replicas does.
 */
public interface CiphertextStore {

	/**
	 * Discards anything stored from {@code offset} on, then appends {@code in}.
	 * @param maxTotal the share's size limit; passing it throws {@link ShareTooLarge} and
	 * keeps nothing of this call
	 * @return the total stored after the call
	 */
	long write(ShareId id, long offset, InputStream in, long maxTotal) throws IOException;

	/**
	 * The ciphertext from {@code offset} on; {@link java.nio.file.NoSuchFileException}
	 * when there is none.
	 */
	InputStream read(ShareId id, long offset) throws IOException;

	/** Deletes the ciphertext; nothing happens when there is none. */
	void delete(ShareId id) throws IOException;

	boolean contains(ShareId id) throws IOException;

}
