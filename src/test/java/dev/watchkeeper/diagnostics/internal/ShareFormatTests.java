package dev.watchkeeper.diagnostics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The share ciphertext: header, then chunks sealed with a STREAM nonce (prefix, counter,
 * last flag). Uses 4 KiB chunks so that many-chunk cases stay small; one case uses the
 * real 1 MiB.
 */
class ShareFormatTests {

	private static final int EXPONENT = 12;

	private static final int CHUNK = 1 << EXPONENT;

	private static final int SEALED = CHUNK + ChunkCipher.TAG_BYTES;

	private final Random random = new Random(7);

	private final byte[] key = ShareKeys.randomBytes(32);

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, CHUNK - 100, CHUNK, 3 * CHUNK + 5, 10 * CHUNK })
	void contentRoundTripsAndCiphertextLengthIsPredicted(int length) throws IOException {
		byte[] content = bytes(length);
		ShareMetadata metadata = ShareMetadata.file("heap-summary.txt", length);

		byte[] ciphertext = seal(metadata, content);

		assertThat(ciphertext.length).isEqualTo(SealingInputStream.lengthFor(metadata, CHUNK));
		OpeningInputStream opened = open(ciphertext, key);
		assertThat(opened.readMetadata()).isEqualTo(metadata);
		assertThat(opened.readAllBytes()).isEqualTo(content);
	}

	@Test
	void realChunkSizeRoundTrips() throws IOException {
		byte[] content = bytes(3 * (1 << 20) + 17);
		ShareHeader header = ShareHeader.random(null);
		ShareMetadata metadata = ShareMetadata.text(content.length);

		byte[] ciphertext = new SealingInputStream(header, key, metadata, new ByteArrayInputStream(content))
			.readAllBytes();

		assertThat(ciphertext.length).isEqualTo(SealingInputStream.lengthFor(metadata, 1 << 20));
		OpeningInputStream opened = open(ciphertext, key);
		assertThat(opened.readMetadata().kind()).isEqualTo("text");
		assertThat(opened.readAllBytes()).isEqualTo(content);
	}

	@Test
	void flippedBitInAnyChunkIsDetectedAndNamesTheChunk() throws IOException {
		byte[] ciphertext = seal(ShareMetadata.text(5 * CHUNK), bytes(5 * CHUNK));
		byte[] tampered = ciphertext.clone();
		tampered[ShareHeader.LENGTH + 2 * SEALED + 100] ^= 0x40;

		assertThatThrownBy(() -> decrypt(tampered)).isInstanceOf(CiphertextRejected.class)
			.hasMessage("chunk 2 failed authentication: the ciphertext was modified, reordered or truncated");
	}

	@Test
	void flippedBitInTheFirstChunkSaysWrongKeyOrModified() throws IOException {
		byte[] ciphertext = seal(ShareMetadata.text(10), bytes(10));
		ciphertext[ShareHeader.LENGTH + 3] ^= 1;

		assertThatThrownBy(() -> decrypt(ciphertext)).isInstanceOf(CiphertextRejected.class)
			.hasMessageContaining("first chunk failed authentication");
	}

	@Test
	void changedHeaderByteBreaksEveryChunk() throws IOException {
		byte[] ciphertext = seal(ShareMetadata.text(3 * CHUNK), bytes(3 * CHUNK));
		ciphertext[20] ^= 1; // inside the HKDF salt: authenticated as AAD of every chunk

		assertThatThrownBy(() -> decrypt(ciphertext)).isInstanceOf(CiphertextRejected.class)
			.hasMessageContaining("first chunk failed authentication");
	}

	@Test
	void truncationAtAChunkBoundaryIsReportedAsTruncation() throws IOException {
		byte[] ciphertext = seal(ShareMetadata.text(5 * CHUNK), bytes(5 * CHUNK));
		byte[] truncated = Arrays.copyOf(ciphertext, ShareHeader.LENGTH + 3 * SEALED);

		assertThatThrownBy(() -> decrypt(truncated)).isInstanceOf(CiphertextRejected.class)
			.hasMessage("the ciphertext is truncated: it ends after chunk 2, which is not the last");
	}

	@Test
	void truncationInsideAChunkIsDetected() throws IOException {
		byte[] ciphertext = seal(ShareMetadata.text(5 * CHUNK), bytes(5 * CHUNK));
		byte[] truncated = Arrays.copyOf(ciphertext, ShareHeader.LENGTH + 3 * SEALED + 500);

		assertThatThrownBy(() -> decrypt(truncated)).isInstanceOf(CiphertextRejected.class)
			.hasMessage("chunk 3 failed authentication: the ciphertext was modified, reordered or truncated");
	}

	@Test
	void truncationToTheHeaderIsDetected() throws IOException {
		byte[] ciphertext = seal(ShareMetadata.text(100), bytes(100));

		assertThatThrownBy(() -> decrypt(Arrays.copyOf(ciphertext, ShareHeader.LENGTH)))
			.hasMessage("the ciphertext is truncated: it has no chunks");
		assertThatThrownBy(() -> decrypt(Arrays.copyOf(ciphertext, 30)))
			.hasMessageContaining("shorter than its 68-byte header");
	}

	@Test
	void swappedChunksAreDetected() throws IOException {
		byte[] ciphertext = seal(ShareMetadata.text(5 * CHUNK), bytes(5 * CHUNK));
		byte[] swapped = ciphertext.clone();
		int first = ShareHeader.LENGTH + SEALED;
		int second = ShareHeader.LENGTH + 2 * SEALED;
		System.arraycopy(ciphertext, first, swapped, second, SEALED);
		System.arraycopy(ciphertext, second, swapped, first, SEALED);

		assertThatThrownBy(() -> decrypt(swapped)).isInstanceOf(CiphertextRejected.class)
			.hasMessageContaining("chunk 1 failed authentication");
	}

	@Test
	void dataAppendedAfterTheLastChunkIsDetected() throws IOException {
		byte[] ciphertext = seal(ShareMetadata.text(2 * CHUNK), bytes(2 * CHUNK));
		byte[] extended = Arrays.copyOf(ciphertext, ciphertext.length + SEALED);
		System.arraycopy(ciphertext, ShareHeader.LENGTH, extended, ciphertext.length, SEALED);

		assertThatThrownBy(() -> decrypt(extended)).isInstanceOf(CiphertextRejected.class)
			.hasMessageContaining("failed authentication");
	}

	@Test
	void lastChunkCannotBeDroppedWhenItIsFull() throws IOException {
		// plaintext ends exactly on a chunk boundary: the last chunk is full, so only its
		// flag marks it as last
		ShareMetadata metadata = ShareMetadata.text(0);
		for (long size = 2 * CHUNK - 100; metadata.frame().length + metadata.size() != 2 * CHUNK; size++) {
			metadata = ShareMetadata.text(size);
		}
		byte[] ciphertext = seal(metadata, bytes((int) metadata.size()));
		assertThat((ciphertext.length - ShareHeader.LENGTH) % SEALED).isZero();

		byte[] dropped = Arrays.copyOf(ciphertext, ciphertext.length - SEALED);

		assertThatThrownBy(() -> decrypt(dropped))
			.hasMessage("the ciphertext is truncated: it ends after chunk 0, which is not the last");
	}

	@Test
	void wrongKeyIsRejectedAtTheFirstChunk() throws IOException {
		byte[] ciphertext = seal(ShareMetadata.text(10), bytes(10));

		assertThatThrownBy(() -> open(ciphertext, ShareKeys.randomBytes(32)).readAllBytes())
			.isInstanceOf(CiphertextRejected.class)
			.hasMessageContaining("wrong key or passphrase");
	}

	@Test
	void foreignBytesAreNotACiphertext() {
		byte[] notOurs = bytes(500);

		assertThatThrownBy(() -> decrypt(notOurs)).isInstanceOf(CiphertextRejected.class)
			.hasMessage("not a Watchkeeper diagnostics ciphertext (bad magic)");
	}

	@Test
	void headerWritesAndParsesTheDocumentedLayout() throws IOException {
		byte[] salt = ShareKeys.randomBytes(16);
		ShareHeader header = ShareHeader.random(salt);

		byte[] bytes = header.toBytes();

		assertThat(bytes).hasSize(68);
		assertThat(Arrays.copyOf(bytes, 7)).isEqualTo(new byte[] { 'W', 'K', 'D', '1', 1, 1, 20 });
		assertThat(Arrays.copyOfRange(bytes, 48, 64)).isEqualTo(salt);
		assertThat(Arrays.copyOfRange(bytes, 64, 68)).isEqualTo(new byte[] { 0, 0x09, 0x27, (byte) 0xc0 });
		assertThat(ShareHeader.parse(bytes)).isEqualTo(header);
		assertThat(header.nonce(2, true)).startsWith(header.noncePrefix()).endsWith(0, 0, 0, 2, 1);
	}

	private byte[] seal(ShareMetadata metadata, byte[] content) throws IOException {
		ShareHeader header = new ShareHeader(false, EXPONENT, ShareKeys.randomBytes(7), ShareKeys.randomBytes(32),
				new byte[16], 0);
		return new SealingInputStream(header, key, metadata, new ByteArrayInputStream(content)).readAllBytes();
	}

	private OpeningInputStream open(byte[] ciphertext, byte[] withKey) {
		return new OpeningInputStream(new ByteArrayInputStream(ciphertext), header -> withKey.clone());
	}

	private byte[] decrypt(byte[] ciphertext) throws IOException {
		OpeningInputStream opened = open(ciphertext, key);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		opened.readMetadata();
		opened.transferTo(out);
		return out.toByteArray();
	}

	private byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
