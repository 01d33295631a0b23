package dev.watchkeeper.diagnostics;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A share was revoked before it expired: its server half and ciphertext are deleted and
 * its link is dead.
 *
 * @param actor the Slack user who clicked Revoke, or {@code anonymous} for a holder of
 * the link
 * @param via {@code slack} or {@code link}
 */
public record DiagnosticsRevoked(UUID eventId, Instant occurredAt, ShareId shareId, String actor, String via,
		int viewsLeft, String incidentId) implements AuditableEvent {

	@Override
	public String action() {
		return "diagnostics.revoked";
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
		return Map.of("via", via, "viewsLeft", Integer.toString(viewsLeft));
	}
}
