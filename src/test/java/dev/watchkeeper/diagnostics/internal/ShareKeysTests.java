package dev.watchkeeper.diagnostics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ShareKeysTests {

	private static final HexFormat hex = HexFormat.of();

	@Test
	void hkdfMatchesRfc5869TestCaseOne() {
		byte[] okm = ShareKeys.hkdf(hex.parseHex("0b".repeat(22)), hex.parseHex("000102030405060708090a0b0c"),
				hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);

		assertThat(hex.formatHex(okm))
			.isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
	}

	@Test
	void hkdfWithoutSaltUsesHashLengthZerosAsRfc5869TestCaseThree() {
		byte[] okm = ShareKeys.hkdf(hex.parseHex("0b".repeat(22)), new byte[0], new byte[0], 42);

		assertThat(hex.formatHex(okm))
			.isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
	}

	@Test
	void passphraseKeyIsPbkdf2HmacSha256AsRfc7914() {
		byte[] key = ShareKeys.passphraseKey("passwd".toCharArray(), "salt".getBytes(), 1);

		assertThat(hex.formatHex(key)).isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
	}

	@Test
	void passphraseIsNormalizedSoComposedAndDecomposedAccentsAgree() {
		byte[] salt = ShareKeys.randomBytes(16);

		byte[] composed = ShareKeys.passphraseKey("caf\u00e9".toCharArray(), salt, 1000);
		byte[] decomposed = ShareKeys.passphraseKey("cafe\u0301".toCharArray(), salt, 1000);

		assertThat(composed).isEqualTo(decomposed);
	}

	@Test
	void proofBindsPurposeShareAndNonce() {
		byte[] key = ShareKeys.linkProofKey(ShareKeys.randomBytes(32));
		byte[] nonce = ShareKeys.randomBytes(32);
		byte[] proof = ShareKeys.proof(key, "reveal", "AAAAAAAAAAAAAAAAAAAAAA", nonce);

		assertThat(ShareKeys.proofMatches(key, "reveal", "AAAAAAAAAAAAAAAAAAAAAA", nonce, proof)).isTrue();
		assertThat(ShareKeys.proofMatches(key, "status", "AAAAAAAAAAAAAAAAAAAAAA", nonce, proof)).isFalse();
		assertThat(ShareKeys.proofMatches(key, "reveal", "BAAAAAAAAAAAAAAAAAAAAA", nonce, proof)).isFalse();
		assertThat(ShareKeys.proofMatches(key, "reveal", "AAAAAAAAAAAAAAAAAAAAAA", ShareKeys.randomBytes(32), proof))
			.isFalse();
	}

	@Test
	void derivedKeysDifferFromTheLinkKeyAndFromEachOther() {
		byte[] linkKey = ShareKeys.randomBytes(32);
		byte[] serverKey = ShareKeys.randomBytes(32);
		byte[] salt = ShareKeys.randomBytes(32);

		byte[] verifier = ShareKeys.linkProofKey(linkKey);
		byte[] content = ShareKeys.contentKey(linkKey, serverKey, null, salt, "AAAAAAAAAAAAAAAAAAAAAA");
		byte[] otherId = ShareKeys.contentKey(linkKey, serverKey, null, salt, "BAAAAAAAAAAAAAAAAAAAAA");
		byte[] withPassphrase = ShareKeys.contentKey(linkKey, serverKey, ShareKeys.randomBytes(32), salt,
				"AAAAAAAAAAAAAAAAAAAAAA");

		assertThat(verifier).isNotEqualTo(linkKey).isNotEqualTo(content);
		assertThat(content).isNotEqualTo(otherId).isNotEqualTo(withPassphrase);
	}

}
