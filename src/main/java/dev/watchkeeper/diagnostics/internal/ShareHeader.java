package dev.watchkeeper.diagnostics.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The 68-byte header at the start of every share ciphertext. It is the additional
 * authenticated data of every chunk, so changing any header byte makes every chunk fail.
 *
 * <pre>
 * offset size field
 *  0      4   magic "WKD1"
 *  4      1   version (1)
 *  5      1   flags (bit 0: a passphrase is part of the key)
 *  6      1   log2 of the plaintext chunk size (20: 1 MiB)
 *  7      7   nonce prefix (random)
 * 14      2   reserved, zero
 * 16     32   HKDF salt (random)
 * 48     16   PBKDF2 salt (zero without passphrase)
 * 64      4   PBKDF2 iterations, big-endian (0 without passphrase)
 * </pre>
 *
 * The GCM nonce of chunk {@code i} is
 * {@code prefix(7) || i as uint32 big-endian || last-chunk flag (0 or 1)}.
 */
public record ShareHeader(boolean passphrase, int chunkExponent, byte[] noncePrefix, byte[] hkdfSalt,
		byte[] passphraseSalt, int iterations) {

	public static final int LENGTH = 68;

	public static final int VERSION = 1;

	public static final int DEFAULT_CHUNK_EXPONENT = 20;

	static final byte[] MAGIC = { 'W', 'K', 'D', '1' };

	public ShareHeader {
		if (noncePrefix.length != 7 || hkdfSalt.length != 32 || passphraseSalt.length != 16) {
			throw new IllegalArgumentException("header field of the wrong length");
		}
		if (chunkExponent < 10 || chunkExponent > 24) {
			throw new IllegalArgumentException("chunk size must be between 1 KiB and 16 MiB");
		}
		noncePrefix = noncePrefix.clone();
		hkdfSalt = hkdfSalt.clone();
		passphraseSalt = passphraseSalt.clone();
	}

	/** A fresh header with random nonce prefix and salt. */
	public static ShareHeader random(byte[] passphraseSaltOrNull) {
		boolean passphrase = passphraseSaltOrNull != null;
		return new ShareHeader(passphrase, DEFAULT_CHUNK_EXPONENT, ShareKeys.randomBytes(7), ShareKeys.randomBytes(32),
				passphrase ? passphraseSaltOrNull : new byte[16], passphrase ? ShareKeys.PBKDF2_ITERATIONS : 0);
	}

	public int chunkSize() {
		return 1 << chunkExponent;
	}

	public byte[] toBytes() {
		ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
		buffer.put(MAGIC).put((byte) VERSION).put((byte) (passphrase ? 1 : 0)).put((byte) chunkExponent);
		buffer.put(noncePrefix).put(new byte[2]).put(hkdfSalt).put(passphraseSalt).putInt(iterations);
		return buffer.array();
	}

	/**
	 * Parses and checks a header; the message says what is wrong without echoing bytes.
	 */
	public static ShareHeader parse(byte[] bytes) throws CiphertextRejected {
		if (bytes.length < LENGTH) {
			throw new CiphertextRejected("the ciphertext is shorter than its " + LENGTH + "-byte header");
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, LENGTH);
		byte[] magic = new byte[4];
		buffer.get(magic);
		if (!Arrays.equals(magic, MAGIC)) {
			throw new CiphertextRejected("not a Watchkeeper diagnostics ciphertext (bad magic)");
		}
		int version = buffer.get();
		if (version != VERSION) {
			throw new CiphertextRejected("unsupported ciphertext version " + version);
		}
		int flags = buffer.get();
		if ((flags & ~1) != 0) {
			throw new CiphertextRejected("unknown header flags");
		}
		int exponent = buffer.get();
		byte[] prefix = new byte[7];
		buffer.get(prefix);
		if (buffer.get() != 0 || buffer.get() != 0) {
			throw new CiphertextRejected("reserved header bytes are not zero");
		}
		byte[] salt = new byte[32];
		buffer.get(salt);
		byte[] passphraseSalt = new byte[16];
		buffer.get(passphraseSalt);
		int iterations = buffer.getInt();
		boolean passphrase = (flags & 1) == 1;
		if (passphrase ? iterations < 100_000 : iterations != 0) {
			throw new CiphertextRejected("inconsistent passphrase parameters in the header");
		}
		try {
			return new ShareHeader(passphrase, exponent, prefix, salt, passphraseSalt, iterations);
		}
		catch (IllegalArgumentException ex) {
			throw new CiphertextRejected("invalid header: " + ex.getMessage());
		}
	}

	/** The 12-byte GCM nonce of chunk {@code index}. */
	byte[] nonce(int index, boolean last) {
		return ByteBuffer.allocate(12).put(noncePrefix).putInt(index).put((byte) (last ? 1 : 0)).array();
	}

	/**
	 * Total ciphertext length for a framed plaintext of {@code plaintextLength} bytes (at
	 * least one chunk).
	 */
	public static long ciphertextLength(long plaintextLength, int chunkSize) {
		long chunks = Math.max(1, (plaintextLength + chunkSize - 1) / chunkSize);
		return LENGTH + plaintextLength + chunks * ChunkCipher.TAG_BYTES;
	}

	/**
	 * The largest ciphertext a share of up to {@code contentLimit} bytes of content may
	 * have: the limit applies to what the user shares, and the format's overhead (header,
	 * metadata, one tag per 1 MiB chunk) comes on top.
	 */
	public static long ciphertextLimit(long contentLimit) {
		return ciphertextLength(contentLimit + 4 + ShareMetadata.MAX_BYTES, 1 << DEFAULT_CHUNK_EXPONENT);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ShareHeader h && Arrays.equals(toBytes(), h.toBytes());
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(toBytes());
	}

	@Override
	public String toString() {
		return "ShareHeader[passphrase=" + passphrase + ", chunkSize=" + chunkSize() + "]";
	}
}
