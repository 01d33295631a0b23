package dev.watchkeeper.audit.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * An entry exactly as stored: details and identifiers as their canonical JSON text, so
 * that verification hashes the stored bytes and never a re-serialization of them.
 */
record StoredEntry(long sequence, UUID eventId, Instant occurredAt, Instant recordedAt, String actor, String actorName,
		String action, String subject, String incidentId, String outcome, String detailsJson, String identifiersJson,
		String keyId, String prevHash, String hash, String hmac) {
}
