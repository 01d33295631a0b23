package dev.watchkeeper.approvals;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The action ran and its effect is in place.
 *
 * @param summary the action's redacted summary, e.g. "revoked and verified gone"
 * @param settledBy {@code executor}, or {@code reconciler} when verified after a crash or
 * an unclear outcome
 */
public record ActionExecuted(UUID eventId, Instant occurredAt, UUID requestId, String actionType, String summary,
		String settledBy, String incidentId, Map<String, String> identifiers) implements AuditableEvent {

	public ActionExecuted {
		identifiers = Map.copyOf(identifiers);
	}

	@Override
	public String actor() {
		return "system";
	}

	@Override
	public String action() {
		return "action.executed";
	}

	@Override
	public String subject() {
		return requestId.toString();
	}

	@Override
	public String outcome() {
		return "succeeded";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("type", actionType, "summary", summary, "settled_by", settledBy);
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return identifiers;
	}
}
