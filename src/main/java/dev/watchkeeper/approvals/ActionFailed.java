package dev.watchkeeper.approvals;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The action's effect is known not to be in place.
 *
 * @param error redacted
 * @param settledBy {@code executor} or {@code reconciler}
 */
public record ActionFailed(UUID eventId, Instant occurredAt, UUID requestId, String actionType, String error,
		String settledBy, String incidentId, Map<String, String> identifiers) implements AuditableEvent {

	public ActionFailed {
		identifiers = Map.copyOf(identifiers);
	}

	@Override
	public String actor() {
		return "system";
	}

	@Override
	public String action() {
		return "action.failed";
	}

	@Override
	public String subject() {
		return requestId.toString();
	}

	@Override
	public String outcome() {
		return "failed";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("type", actionType, "error", error, "settled_by", settledBy);
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return identifiers;
	}
}
