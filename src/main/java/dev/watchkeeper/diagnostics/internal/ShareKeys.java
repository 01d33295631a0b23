package dev.watchkeeper.diagnostics.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key schedule of a share, identical in the browser ({@code share.js}) and in Java
 * (CLI, Slack, tests): HKDF-SHA256 (RFC 5869) for every derived key, PBKDF2-HMAC-SHA256
 * with 600 000 iterations for a passphrase, HMAC-SHA256 proofs over a server nonce.
 * docs/diagnostics.md lists the exact inputs.
 */
public final class ShareKeys {

	/** Link key, server half, passphrase key and every derived key: 256 bits. */
	public static final int KEY_BYTES = 32;

	public static final int PBKDF2_ITERATIONS = 600_000;

	public static final int PASSPHRASE_SALT_BYTES = 16;

	static final String LINK_PROOF_INFO = "watchkeeper diagnostics v1 link proof";

	static final String PASSPHRASE_PROOF_INFO = "watchkeeper diagnostics v1 passphrase proof";

	static final String CONTENT_INFO_PREFIX = "watchkeeper diagnostics v1 content ";

	static final String PROOF_PREFIX = "watchkeeper diagnostics v1 ";

	private static final SecureRandom random = new SecureRandom();

	private static final Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder base64urlDecoder = Base64.getUrlDecoder();

	private ShareKeys() {
	}

	public static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	/**
	 * HMAC key of the link-key proof; the server stores it as the share's link verifier.
	 */
	public static byte[] linkProofKey(byte[] linkKey) {
		return hkdf(linkKey, new byte[0], LINK_PROOF_INFO.getBytes(StandardCharsets.US_ASCII), KEY_BYTES);
	}

	/**
	 * PBKDF2-HMAC-SHA256 over the NFC-normalised UTF-8 passphrase; the browser normalises
	 * the same way.
	 */
	public static byte[] passphraseKey(char[] passphrase, byte[] salt, int iterations) {
		String normalized = Normalizer.normalize(java.nio.CharBuffer.wrap(passphrase), Normalizer.Form.NFC);
		char[] chars = normalized.toCharArray();
		PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, KEY_BYTES * 8);
		try {
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", ex);
		}
		finally {
			spec.clearPassword();
			Arrays.fill(chars, '\0');
		}
	}

	/**
	 * HMAC key of the passphrase proof; the server stores it as the share's passphrase
	 * verifier.
	 */
	public static byte[] passphraseProofKey(byte[] passphraseKey) {
		return hkdf(passphraseKey, new byte[0], PASSPHRASE_PROOF_INFO.getBytes(StandardCharsets.US_ASCII), KEY_BYTES);
	}

	/**
	 * The AES-256 key of the content: both halves (and the passphrase key when set)
	 * concatenated as HKDF input, the header's random salt, and the share id in the info
	 * so a ciphertext cannot be replayed under another id.
	 */
	public static byte[] contentKey(byte[] linkKey, byte[] serverKey, byte[] passphraseKey, byte[] hkdfSalt,
			String shareId) {
		byte[] ikm = new byte[linkKey.length + serverKey.length + (passphraseKey == null ? 0 : passphraseKey.length)];
		System.arraycopy(linkKey, 0, ikm, 0, linkKey.length);
		System.arraycopy(serverKey, 0, ikm, linkKey.length, serverKey.length);
		if (passphraseKey != null) {
			System.arraycopy(passphraseKey, 0, ikm, linkKey.length + serverKey.length, passphraseKey.length);
		}
		try {
			return hkdf(ikm, hkdfSalt, (CONTENT_INFO_PREFIX + shareId).getBytes(StandardCharsets.US_ASCII), KEY_BYTES);
		}
		finally {
			Arrays.fill(ikm, (byte) 0);
		}
	}

	/**
	 * HMAC-SHA256(proofKey, "watchkeeper diagnostics v1 {purpose} {shareId} {nonce}")
	 * with the nonce in base64url.
	 */
	public static byte[] proof(byte[] proofKey, String purpose, String shareId, byte[] nonce) {
		String message = PROOF_PREFIX + purpose + " " + shareId + " " + encode(nonce);
		return hmac(proofKey, message.getBytes(StandardCharsets.US_ASCII));
	}

	/** Constant-time check of a presented proof against the stored verifier. */
	public static boolean proofMatches(byte[] verifier, String purpose, String shareId, byte[] nonce,
			byte[] presented) {
		return MessageDigest.isEqual(proof(verifier, purpose, shareId, nonce), presented);
	}

	/**
	 * RFC 5869 HKDF-SHA256; an empty salt means HashLen zero bytes, exactly as WebCrypto
	 * treats it.
	 */
	static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
		byte[] prk = hmac(salt.length == 0 ? new byte[32] : salt, ikm);
		byte[] okm = new byte[length];
		byte[] previous = new byte[0];
		int written = 0;
		for (int counter = 1; written < length; counter++) {
			byte[] input = new byte[previous.length + info.length + 1];
			System.arraycopy(previous, 0, input, 0, previous.length);
			System.arraycopy(info, 0, input, previous.length, info.length);
			input[input.length - 1] = (byte) counter;
			previous = hmac(prk, input);
			int n = Math.min(previous.length, length - written);
			System.arraycopy(previous, 0, okm, written, n);
			written += n;
		}
		Arrays.fill(prk, (byte) 0);
		return okm;
	}

	static byte[] hmac(byte[] key, byte[] message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	/** SHA-256, for storing bearer tokens (upload token, lease) only as hashes. */
	public static byte[] sha256(byte[] value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 unavailable", ex);
		}
	}

	public static String encode(byte[] bytes) {
		return base64url.encodeToString(bytes);
	}

	/**
	 * Decodes base64url (no padding); throws {@link IllegalArgumentException} with a
	 * clear message otherwise.
	 */
	public static byte[] decode(String text, String what) {
		try {
			return base64urlDecoder.decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(what + " is not base64url");
		}
	}

	/** Decodes a value that must be exactly {@code length} bytes. */
	public static byte[] decode(String text, String what, int length) {
		byte[] bytes = decode(text, what);
		if (bytes.length != length) {
			throw new IllegalArgumentException(what + " must be " + length + " bytes");
		}
		return bytes;
	}

}
