package dev.watchkeeper.alerts;

import dev.watchkeeper.core.AuditableEvent;
import dev.watchkeeper.core.IncidentId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An incident was opened: its first alert fired. Carries identifiers only; read the
 * incident itself through {@link Incidents#find} (events stay small when a group holds
 * thousands of alerts).
 *
 * @param channel the Slack channel it was routed to; empty when unrouted
 * @param firing how many alerts were firing when it opened
 */
public record IncidentOpened(UUID eventId, IncidentId incident, String channel, String groupKey, Severity severity,
		int firing, long revision, Instant occurredAt) implements AuditableEvent {

	@Override
	public String actor() {
		return "system";
	}

	@Override
	public String action() {
		return "incident.opened";
	}

	@Override
	public String subject() {
		return incident.toString();
	}

	@Override
	public String outcome() {
		return "ok";
	}

	@Override
	public String incidentId() {
		return incident.toString();
	}

	@Override
	public Map<String, String> details() {
		return Map.of("channel", channel, "severity", severity.displayName(), "firing", Integer.toString(firing),
				"groupKey", groupKey);
	}
}
