package dev.watchkeeper.diagnostics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast opening path (AES-CTR + recomputed GCM tag) must agree with the JDK's own GCM
 * decryption in every case.
 */
class ChunkCipherTests {

	private final Random random = new Random(42);

	private final byte[] key = ShareKeys.randomBytes(32);

	private final byte[] aad = ShareKeys.randomBytes(68);

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 15, 16, 17, 16383, 16384, 16385, 100_000, 1 << 20 })
	void sealsExactlyLikeJdkGcmAndOpensWhatJdkGcmOpens(int length) throws Exception {
		byte[] plaintext = bytes(length);
		byte[] nonce = ShareKeys.randomBytes(12);
		byte[] sealed = new byte[length + 16];

		int n = new ChunkCipher(key).seal(nonce, aad, plaintext, 0, length, sealed, 0);

		assertThat(n).isEqualTo(length + 16);
		assertThat(sealed).isEqualTo(jdk(Cipher.ENCRYPT_MODE, nonce, plaintext));
		byte[] opened = new byte[length];
		assertThat(new ChunkCipher(key).open(nonce, aad, sealed, 0, sealed.length, opened)).isEqualTo(length);
		assertThat(opened).isEqualTo(plaintext).isEqualTo(jdk(Cipher.DECRYPT_MODE, nonce, sealed));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 16, 5000, 70_000 })
	void everyFlippedBitIsRejectedLikeJdkGcmAndReleasesNothing(int length) throws Exception {
		byte[] plaintext = bytes(length);
		byte[] nonce = ShareKeys.randomBytes(12);
		byte[] sealed = jdk(Cipher.ENCRYPT_MODE, nonce, plaintext);
		int[] positions = { 0, sealed.length / 2, sealed.length - 17, sealed.length - 16, sealed.length - 1 };
		for (int position : positions) {
			if (position < 0) {
				continue;
			}
			byte[] tampered = sealed.clone();
			tampered[position] ^= 0x01;
			byte[] out = new byte[Math.max(1, length)];
			Arrays.fill(out, (byte) 7);

			int n = new ChunkCipher(key).open(nonce, aad, tampered, 0, tampered.length, out);

			assertThat(n).as("bit flip at %d", position).isEqualTo(-1);
			assertThat(Arrays.copyOf(out, length)).as("nothing released").isEqualTo(new byte[length]);
			assertThatThrownBy(() -> jdk(Cipher.DECRYPT_MODE, nonce, tampered)).isInstanceOf(AEADBadTagException.class);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 4096 })
	void otherNonceOrOtherHeaderIsRejected(int length) {
		byte[] nonce = ShareKeys.randomBytes(12);
		byte[] sealed = new byte[length + 16];
		new ChunkCipher(key).seal(nonce, aad, bytes(length), 0, length, sealed, 0);
		byte[] otherNonce = nonce.clone();
		otherNonce[11] ^= 1;
		byte[] otherAad = aad.clone();
		otherAad[5] ^= 1;

		assertThat(new ChunkCipher(key).open(otherNonce, aad, sealed, 0, sealed.length, new byte[length]))
			.isEqualTo(-1);
		assertThat(new ChunkCipher(key).open(nonce, otherAad, sealed, 0, sealed.length, new byte[length]))
			.isEqualTo(-1);
		assertThat(
				new ChunkCipher(ShareKeys.randomBytes(32)).open(nonce, aad, sealed, 0, sealed.length, new byte[length]))
			.isEqualTo(-1);
	}

	private byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private byte[] jdk(int mode, byte[] nonce, byte[] input) throws Exception {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
		cipher.updateAAD(aad);
		return cipher.doFinal(input);
	}

}
