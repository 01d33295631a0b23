package dev.watchkeeper.diagnostics;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One view of a share was used: the holder of the link proved the key (and passphrase)
 * and received the server half and the ciphertext. {@code viewsLeft == 0} means the share
 * is burned and its server half deleted.
 *
 * @param actor the Slack user id of the signed-in person; {@code anonymous} while Sign in
 * with Slack is not configured, when the link is the capability
 * @param actorName their display name from Slack's ID token, or empty
 * @param client {@code browser} or {@code cli}
 * @param remoteAddress the requester's address; audited only as an HMAC (personal data)
 */
public record DiagnosticsRevealed(UUID eventId, Instant occurredAt, ShareId shareId, String actor, String actorName,
		String client, int viewsLeft, String remoteAddress, String incidentId) implements AuditableEvent {

	@Override
	public String action() {
		return "diagnostics.revealed";
	}

	@Override
	public String subject() {
		return shareId.value();
	}

	@Override
	public String outcome() {
		return "ok";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("client", client, "viewsLeft", Integer.toString(viewsLeft));
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return Map.of("remoteAddress", remoteAddress);
	}
}
