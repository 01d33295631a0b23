package dev.watchkeeper.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit key, split into two purpose-bound keys so that an identifier hash can never
 * be replayed as an entry seal: {@code chainKey = HMAC(key, "watchkeeper/audit/chain")}
 * seals entry hashes and
 * {@code identifierKey = HMAC(key, "watchkeeper/audit/identifier")} hashes sensitive
 * identifiers. The key id is a fingerprint that tells "sealed with another key" apart
 * from "rewritten" without revealing the key.
 */
final class AuditKey {

	static final String IDENTIFIER_PREFIX = "hmac-sha256:";

	private final byte[] chainKey;

	private final byte[] identifierKey;

	private final String id;

	AuditKey(byte[] key) {
		if (key.length < 32) {
			throw new IllegalArgumentException("the audit HMAC key must be at least 32 bytes");
		}
		this.chainKey = hmac(key, "watchkeeper/audit/chain".getBytes(StandardCharsets.UTF_8));
		this.identifierKey = hmac(key, "watchkeeper/audit/identifier".getBytes(StandardCharsets.UTF_8));
		this.id = HexFormat.of()
			.formatHex(hmac(key, "watchkeeper/audit/key-id".getBytes(StandardCharsets.UTF_8)))
			.substring(0, 16);
	}

	static AuditKey of(String key) {
		return new AuditKey(key.getBytes(StandardCharsets.UTF_8));
	}

	/** 16 hex characters identifying the key. */
	String id() {
		return id;
	}

	/** HMAC-SHA256 of an entry hash (given as hex), as hex. */
	String seal(String hashHex) {
		return HexFormat.of().formatHex(hmac(chainKey, HexFormat.of().parseHex(hashHex)));
	}

	/** Constant-time check of a stored seal. */
	boolean sealMatches(String hashHex, String storedHmacHex) {
		return MessageDigest.isEqual(seal(hashHex).getBytes(StandardCharsets.US_ASCII),
				storedHmacHex.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * {@code hmac-sha256:<hex>} of a sensitive identifier, as Vault's audit devices store
	 * them.
	 */
	String identifier(String value) {
		return IDENTIFIER_PREFIX
				+ HexFormat.of().formatHex(hmac(identifierKey, value.getBytes(StandardCharsets.UTF_8)));
	}

	static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	@Override
	public String toString() {
		return "AuditKey[" + id + "]";
	}

}
