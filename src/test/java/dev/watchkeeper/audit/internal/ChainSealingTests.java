package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChainSealingTests {

	static final StoredEntry FIRST = new StoredEntry(1, UUID.fromString("00000000-0000-4000-8000-000000000001"),
			Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:00.5Z"), "U0ALICE01", "Alice",
			"action.approved", "req-1", "", "ok", "{\"action\":\"vault.revoke-lease\"}",
			"{\"leaseId\":\"hmac-sha256:00\"}", "k", ChainSealing.GENESIS, "", "");

	@Test
	void canonicalEncodingIsTheSortedJsonOfTheEntryFields() {
		assertThat(ChainSealing.canonical(FIRST)).isEqualTo("{\"action\":\"action.approved\",\"actor\":\"U0ALICE01\","
				+ "\"actorName\":\"Alice\",\"details\":{\"action\":\"vault.revoke-lease\"},"
				+ "\"eventId\":\"00000000-0000-4000-8000-000000000001\",\"identifiers\":{\"leaseId\":\"hmac-sha256:00\"},"
				+ "\"incidentId\":\"\",\"occurredAt\":\"2026-12-01T10:00:00.000000Z\",\"outcome\":\"ok\","
				+ "\"recordedAt\":\"2026-12-01T10:00:00.500000Z\",\"seq\":1,\"subject\":\"req-1\"}");
	}

	@Test
	void hashIsSha256OfThePreviousHashBytesFollowedByTheCanonicalEncoding() throws Exception {
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		sha256.update(new byte[32]);
		String expected = HexFormat.of()
			.formatHex(sha256.digest(ChainSealing.canonical(FIRST).getBytes(StandardCharsets.UTF_8)));

		assertThat(ChainSealing.hash(FIRST)).isEqualTo(expected).hasSize(64);
	}

	@Test
	void sealIsHmacOfTheHashWithThePurposeBoundChainKey() {
		AuditKey key = AuditKey.of(AuditFixtures.KEY);
		byte[] chainKey = AuditKey.hmac(AuditFixtures.KEY.getBytes(StandardCharsets.UTF_8),
				"watchkeeper/audit/chain".getBytes(StandardCharsets.UTF_8));
		String hash = ChainSealing.hash(FIRST);

		assertThat(key.seal(hash))
			.isEqualTo(HexFormat.of().formatHex(AuditKey.hmac(chainKey, HexFormat.of().parseHex(hash))));
		assertThat(key.sealMatches(hash, key.seal(hash))).isTrue();
		assertThat(AuditKey.of(AuditFixtures.KEY.replace('0', '1')).sealMatches(hash, key.seal(hash))).isFalse();
	}

	@Test
	void identifiersAreStoredAsVaultStyleHmacNeverInClear() {
		AuditKey key = AuditKey.of(AuditFixtures.KEY);

		String stored = key.identifier("database/creds/readonly/abc123");

		assertThat(stored).startsWith("hmac-sha256:").hasSize("hmac-sha256:".length() + 64).doesNotContain("abc123");
		assertThat(key.identifier("database/creds/readonly/abc123")).isEqualTo(stored);
		assertThat(stored).isNotEqualTo(
				"hmac-sha256:" + key.seal(HexFormat.of().formatHex(sha256("database/creds/readonly/abc123"))));
	}

	@Test
	void timesKeepExactlySixFractionalDigits() {
		Instant nanos = Instant.parse("2026-12-01T10:00:00.123456789Z");

		assertThat(ChainSealing.time(ChainSealing.storable(nanos))).isEqualTo("2026-12-01T10:00:00.123456Z");
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
