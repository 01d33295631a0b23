package dev.watchkeeper.credentials;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Watchkeeper asked Vault to revoke a lease, a lease prefix or a token, or to rotate a
 * database static role, and looked again: {@link #verification()} says what the second
 * look showed. The identifier goes to the audit trail only as an HMAC
 * ({@link #sensitiveIdentifiers()}); {@link #summary()} never contains it.
 *
 * @param requestId the approval request this ran for
 * @param summary one line for people, e.g. "revoked and verified gone"
 */
public record CredentialRevoked(UUID eventId, Instant occurredAt, String actor, CredentialAction credentialAction,
		String identifier, Verification verification, String summary, String requestId,
		String incidentId) implements AuditableEvent {

	@Override
	public String action() {
		return credentialAction == CredentialAction.ROTATE_DATABASE_ROLE ? "credential.rotated" : "credential.revoked";
	}

	@Override
	public String subject() {
		return requestId;
	}

	@Override
	public String outcome() {
		return verification.outcome();
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("action_type", credentialAction.typeId());
		details.put("summary", summary);
		return details;
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return Map.of(credentialAction.parameter(), identifier);
	}

	@Override
	public String toString() {
		// the identifier stays out of logs as it stays out of the audit details
		return "CredentialRevoked[" + credentialAction.typeId() + ", " + verification + ", request " + requestId + "]";
	}
}
