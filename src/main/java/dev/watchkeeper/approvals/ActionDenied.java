package dev.watchkeeper.approvals;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An approver denied the request, with a reason. */
public record ActionDenied(UUID eventId, Instant occurredAt, UUID requestId, String actionType, String denier,
		String reason, String incidentId, Map<String, String> identifiers) implements AuditableEvent {

	public ActionDenied {
		identifiers = Map.copyOf(identifiers);
	}

	@Override
	public String actor() {
		return denier;
	}

	@Override
	public String action() {
		return "action.denied";
	}

	@Override
	public String subject() {
		return requestId.toString();
	}

	@Override
	public String outcome() {
		return "denied";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("type", actionType, "reason", reason);
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return identifiers;
	}
}
