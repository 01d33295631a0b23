package dev.watchkeeper.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One sealed entry of the audit chain, as stored.
 *
 * @param sequence position in the chain, 1, 2, 3, ... without gaps
 * @param eventId the {@link dev.watchkeeper.core.AuditableEvent#eventId()} it records
 * (unique)
 * @param occurredAt when the fact happened (UTC, microsecond precision)
 * @param recordedAt when the entry was appended (UTC, microsecond precision)
 * @param actor Slack user id, {@code system}, {@code cli:<user>} or a reviewer identity
 * @param actorName display name of the actor when known, else empty
 * @param action dotted action name such as {@code action.approved}
 * @param subject what the action was about (request id, incident id, share id)
 * @param incidentId the incident it belongs to, or empty
 * @param outcome {@code ok}, {@code refused}, {@code failed}, ...
 * @param details redacted, non-secret context
 * @param identifiers sensitive identifiers as {@code hmac-sha256:<hex>}, never in clear
 * @param keyId fingerprint of the HMAC key that sealed the entry (not part of the hash)
 * @param prevHash hash of the previous entry (64 zeros for the first)
 * @param hash SHA-256 over the previous hash and the canonical encoding of this entry
 * @param hmac HMAC-SHA256 of {@code hash} with the audit key
 */
public record AuditEntry(long sequence, UUID eventId, Instant occurredAt, Instant recordedAt, String actor,
		String actorName, String action, String subject, String incidentId, String outcome, Map<String, String> details,
		Map<String, String> identifiers, String keyId, String prevHash, String hash, String hmac) {

	public AuditEntry {
		details = Map.copyOf(details);
		identifiers = Map.copyOf(identifiers);
	}
}
