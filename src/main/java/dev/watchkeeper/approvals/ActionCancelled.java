package dev.watchkeeper.approvals;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The requester withdrew the request before it was approved. */
public record ActionCancelled(UUID eventId, Instant occurredAt, UUID requestId, String actionType, String requester,
		String incidentId, Map<String, String> identifiers) implements AuditableEvent {

	public ActionCancelled {
		identifiers = Map.copyOf(identifiers);
	}

	@Override
	public String actor() {
		return requester;
	}

	@Override
	public String action() {
		return "action.cancelled";
	}

	@Override
	public String subject() {
		return requestId.toString();
	}

	@Override
	public String outcome() {
		return "cancelled";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("type", actionType);
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return identifiers;
	}
}
