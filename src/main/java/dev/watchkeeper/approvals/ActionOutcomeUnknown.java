package dev.watchkeeper.approvals;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Whether the action's effect is in place cannot be told (a timeout after the request was
 * sent, the outside system unreachable). Never retried blind: the reconciler keeps asking
 * the action and settles it when it can.
 */
public record ActionOutcomeUnknown(UUID eventId, Instant occurredAt, UUID requestId, String actionType, String why,
		String settledBy, String incidentId, Map<String, String> identifiers) implements AuditableEvent {

	public ActionOutcomeUnknown {
		identifiers = Map.copyOf(identifiers);
	}

	@Override
	public String actor() {
		return "system";
	}

	@Override
	public String action() {
		return "action.outcome-unknown";
	}

	@Override
	public String subject() {
		return requestId.toString();
	}

	@Override
	public String outcome() {
		return "unknown";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("type", actionType, "why", why, "settled_by", settledBy);
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return identifiers;
	}
}
