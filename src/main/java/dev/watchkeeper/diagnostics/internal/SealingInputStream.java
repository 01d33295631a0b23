package dev.watchkeeper.diagnostics.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * Encrypts as it is read: yields the header, then each chunk sealed with AES-256-GCM,
 * holding one chunk in memory. The plaintext is the framed metadata followed by the
 * content; the chunk that ends the plaintext carries the last-chunk flag in its nonce,
 * which is why one byte is read ahead.
 */
public final class SealingInputStream extends InputStream {

	private final InputStream plaintext;

	private final ShareHeader header;

	private final byte[] aad;

	private final ChunkCipher cipher;

	private final byte[] chunk;

	private final byte[] sealed;

	private byte[] pending;

	private int position;

	private int limit;

	private int index;

	private final ChunkFiller chunks;

	private boolean finished;

	/**
	 * @param contentKey from {@link ShareKeys#contentKey}; copied, the caller may wipe
	 * its array
	 */
	public SealingInputStream(ShareHeader header, byte[] contentKey, ShareMetadata metadata, InputStream content) {
		this.plaintext = new SequenceInputStream(new ByteArrayInputStream(metadata.frame()), content);
		this.chunks = new ChunkFiller(plaintext);
		this.header = header;
		this.aad = header.toBytes();
		this.cipher = new ChunkCipher(contentKey.clone());
		this.chunk = new byte[header.chunkSize()];
		this.sealed = new byte[header.chunkSize() + ChunkCipher.TAG_BYTES];
		this.pending = aad;
		this.limit = aad.length;
	}

	/** Exact ciphertext length for content of a known size. */
	public static long lengthFor(ShareMetadata metadata, int chunkSize) {
		return ShareHeader.ciphertextLength(metadata.frame().length + metadata.size(), chunkSize);
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return n < 0 ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (position == limit && !refill()) {
			return -1;
		}
		int n = Math.min(length, limit - position);
		System.arraycopy(pending, position, buffer, offset, n);
		position += n;
		return n;
	}

	private boolean refill() throws IOException {
		if (finished) {
			return false;
		}
		ChunkFiller.Chunk read = chunks.fill(chunk);
		int filled = read.length();
		boolean last = read.last();
		limit = cipher.seal(header.nonce(index, last), aad, chunk, 0, filled, sealed, 0);
		pending = sealed;
		position = 0;
		index++;
		finished = last;
		return true;
	}

	@Override
	public void close() throws IOException {
		Arrays.fill(chunk, (byte) 0);
		plaintext.close();
	}

}
