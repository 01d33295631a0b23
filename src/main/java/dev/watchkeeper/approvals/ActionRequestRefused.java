package dev.watchkeeper.approvals;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A request was refused before anyone was asked to approve it (unknown type, bad
 * parameters, preview refused).
 */
public record ActionRequestRefused(UUID eventId, Instant occurredAt, String actionType, String requester,
		String incidentId, String why) implements AuditableEvent {

	@Override
	public String actor() {
		return requester;
	}

	@Override
	public String action() {
		return "action.request-refused";
	}

	@Override
	public String subject() {
		return "type:" + actionType;
	}

	@Override
	public String outcome() {
		return "refused";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("type", actionType, "why", why);
	}
}
