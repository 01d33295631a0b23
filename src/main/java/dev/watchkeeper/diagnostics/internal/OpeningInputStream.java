package dev.watchkeeper.diagnostics.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Decrypts as it is read: checks the header, then authenticates each chunk before
 * releasing a byte of it. Detects modified, reordered, truncated and extended ciphertexts
 * through the chunk counter and the last-chunk flag in each nonce, and says which it saw.
 * Holds one chunk in memory.
 */
public final class OpeningInputStream extends InputStream {

	private final InputStream ciphertext;

	private final Function<ShareHeader, byte[]> keyForHeader;

	private ShareHeader header;

	private byte[] aad;

	private ChunkCipher cipher;

	private byte[] sealed;

	private byte[] opened;

	private int position;

	private int limit;

	private int index;

	private final ChunkFiller chunks;

	private boolean finished;

	/**
	 * @param keyForHeader derives the content key once the header (with its salts) is
	 * read
	 */
	public OpeningInputStream(InputStream ciphertext, Function<ShareHeader, byte[]> keyForHeader) {
		this.ciphertext = ciphertext;
		this.chunks = new ChunkFiller(ciphertext);
		this.keyForHeader = keyForHeader;
	}

	/** The header, read on first use. */
	public ShareHeader header() throws IOException {
		if (header == null) {
			byte[] bytes = ciphertext.readNBytes(ShareHeader.LENGTH);
			header = ShareHeader.parse(bytes);
			aad = header.toBytes();
			byte[] key = keyForHeader.apply(header);
			cipher = new ChunkCipher(key);
			Arrays.fill(key, (byte) 0);
			sealed = new byte[header.chunkSize() + ChunkCipher.TAG_BYTES];
			opened = new byte[header.chunkSize()];
		}
		return header;
	}

	/**
	 * Reads the length-prefixed metadata that starts every plaintext; call before reading
	 * the content.
	 */
	public ShareMetadata readMetadata() throws IOException {
		byte[] length = readNBytes(4);
		if (length.length < 4) {
			throw new CiphertextRejected("the plaintext ends before its metadata");
		}
		int size = ((length[0] & 0xff) << 24) | ((length[1] & 0xff) << 16) | ((length[2] & 0xff) << 8)
				| (length[3] & 0xff);
		if (size < 0 || size > ShareMetadata.MAX_BYTES) {
			throw new CiphertextRejected("content metadata too large");
		}
		byte[] body = readNBytes(size);
		if (body.length < size) {
			throw new CiphertextRejected("the plaintext ends inside its metadata");
		}
		return ShareMetadata.parse(body);
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
		while (position == limit) {
			if (!next()) {
				return -1;
			}
		}
		int n = Math.min(length, limit - position);
		System.arraycopy(opened, position, buffer, offset, n);
		position += n;
		return n;
	}

	private boolean next() throws IOException {
		header();
		if (finished) {
			return false;
		}
		ChunkFiller.Chunk read = chunks.fill(sealed);
		int filled = read.length();
		boolean last = read.last();
		if (filled == 0) {
			throw new CiphertextRejected(index == 0 ? "the ciphertext is truncated: it has no chunks"
					: "the ciphertext is truncated: it ends after chunk " + (index - 1) + ", which is not the last");
		}
		int n = cipher.open(header.nonce(index, last), aad, sealed, 0, filled, opened);
		if (n < 0) {
			throw rejection(filled, last);
		}
		position = 0;
		limit = n;
		index++;
		finished = last;
		return true;
	}

	/**
	 * Finds out, by trying the other flag, whether a failed chunk is cut short or
	 * followed by extra data.
	 */
	private CiphertextRejected rejection(int filled, boolean last) {
		byte[] probe = new byte[opened.length];
		boolean otherFlagWorks = cipher.open(header.nonce(index, !last), aad, sealed, 0, filled, probe) >= 0;
		Arrays.fill(probe, (byte) 0);
		if (otherFlagWorks && last) {
			return new CiphertextRejected(
					"the ciphertext is truncated: it ends after chunk " + index + ", which is not the last");
		}
		if (otherFlagWorks) {
			return new CiphertextRejected("the ciphertext continues after its last chunk " + index);
		}
		if (index == 0) {
			return new CiphertextRejected("the first chunk failed authentication: wrong key or passphrase, or the "
					+ "ciphertext was modified");
		}
		return new CiphertextRejected(
				"chunk " + index + " failed authentication: the ciphertext was modified, " + "reordered or truncated");
	}

	@Override
	public void close() throws IOException {
		if (opened != null) {
			Arrays.fill(opened, (byte) 0);
		}
		ciphertext.close();
	}

}
