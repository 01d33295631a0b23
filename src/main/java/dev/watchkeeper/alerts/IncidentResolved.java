package dev.watchkeeper.alerts;

import dev.watchkeeper.core.AuditableEvent;
import dev.watchkeeper.core.IncidentId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Every alert of an incident has resolved.
 *
 * @param duration from the first alert's start to the resolution
 * @param flapping the incident was flapping when it resolved: do not announce it loudly
 */
public record IncidentResolved(UUID eventId, IncidentId incident, String channel, Duration duration, boolean flapping,
		long revision, Instant occurredAt) implements AuditableEvent {

	@Override
	public String actor() {
		return "system";
	}

	@Override
	public String action() {
		return "incident.resolved";
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
		return Map.of("channel", channel, "duration", duration.toString());
	}
}
