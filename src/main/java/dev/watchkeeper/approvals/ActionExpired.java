package dev.watchkeeper.approvals;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The request was not decided (or, after an outage, not started) in time; nothing ran.
 */
public record ActionExpired(UUID eventId, Instant occurredAt, UUID requestId, String actionType, int approvalsGiven,
		int approvalsRequired, String why, String incidentId,
		Map<String, String> identifiers) implements AuditableEvent {

	public ActionExpired {
		identifiers = Map.copyOf(identifiers);
	}

	@Override
	public String actor() {
		return "system";
	}

	@Override
	public String action() {
		return "action.expired";
	}

	@Override
	public String subject() {
		return requestId.toString();
	}

	@Override
	public String outcome() {
		return "expired";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("type", actionType, "approvals", approvalsGiven + "/" + approvalsRequired, "why", why);
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return identifiers;
	}
}
