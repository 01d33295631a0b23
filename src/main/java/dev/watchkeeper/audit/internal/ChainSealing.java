package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.internal.CanonicalJson.RawJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chain's arithmetic: {@code hash = SHA-256(prevHash || canonical(entry))} where
 * {@code prevHash} is the 32 raw bytes of the previous hash (zeros for the first entry)
 * and {@code canonical} is the UTF-8 of the RFC 8785 JSON object of the entry's fields
 * (see docs/audit.md). Times are written with exactly six fractional digits, so they
 * survive a round trip through any database with microsecond timestamps.
 */
final class ChainSealing {

	static final String GENESIS = "0".repeat(64);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private ChainSealing() {
	}

	/**
	 * Time as stored: truncated to microseconds, the precision of H2 and PostgreSQL
	 * timestamps.
	 */
	static Instant storable(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	static String time(Instant instant) {
		return TIME.format(instant);
	}

	static String canonical(StoredEntry entry) {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("seq", entry.sequence());
		members.put("eventId", entry.eventId().toString());
		members.put("occurredAt", time(entry.occurredAt()));
		members.put("recordedAt", time(entry.recordedAt()));
		members.put("actor", entry.actor());
		members.put("actorName", entry.actorName());
		members.put("action", entry.action());
		members.put("subject", entry.subject());
		members.put("incidentId", entry.incidentId());
		members.put("outcome", entry.outcome());
		members.put("details", new RawJson(entry.detailsJson()));
		members.put("identifiers", new RawJson(entry.identifiersJson()));
		return CanonicalJson.object(members);
	}

	/**
	 * The hash this entry should carry given its stored fields and stored
	 * {@code prevHash}.
	 */
	static String hash(StoredEntry entry) {
		return hash(entry.prevHash(), canonical(entry));
	}

	static String hash(String prevHashHex, String canonical) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(HexFormat.of().parseHex(prevHashHex));
			return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 unavailable", ex);
		}
		catch (IllegalArgumentException ex) {
			// a stored prev_hash that is not 64 hex characters: treat as a hash nothing
			// can match
			return "invalid:" + prevHashHex;
		}
	}

	/** Seals a new entry at {@code sequence} after {@code prevHash}. */
	static StoredEntry seal(EntryDraft draft, long sequence, String prevHash, Instant recordedAt, AuditKey key) {
		StoredEntry unsealed = new StoredEntry(sequence, draft.eventId(), draft.occurredAt(), storable(recordedAt),
				draft.actor(), draft.actorName(), draft.action(), draft.subject(), draft.incidentId(), draft.outcome(),
				draft.detailsJson(), draft.identifiersJson(), key.id(), prevHash, "", "");
		String hash = hash(unsealed);
		return new StoredEntry(sequence, draft.eventId(), draft.occurredAt(), unsealed.recordedAt(), draft.actor(),
				draft.actorName(), draft.action(), draft.subject(), draft.incidentId(), draft.outcome(),
				draft.detailsJson(), draft.identifiersJson(), key.id(), prevHash, hash, key.seal(hash));
	}

}
