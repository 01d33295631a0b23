package dev.watchkeeper.approvals;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A click changed nothing: the requester approving their own request, an outsider, a
 * tampered or malformed button, an unknown or finished request, a replayed click.
 *
 * @param subject the request id, or a bounded description of an unparseable button value
 * @param attempted {@code approve}, {@code deny} or {@code cancel}
 */
public record ApprovalRefused(UUID eventId, Instant occurredAt, String subject, String user, String attempted,
		String reason, String incidentId) implements AuditableEvent {

	@Override
	public String actor() {
		return user;
	}

	@Override
	public String action() {
		return "approval.refused";
	}

	@Override
	public String outcome() {
		return "refused";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("attempted", attempted, "reason", reason);
	}
}
