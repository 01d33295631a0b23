package dev.watchkeeper.audit;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An auditable event as any module would publish one, for tests. */
public record SampleEvent(UUID eventId, Instant occurredAt, String actor, String actorName, String action,
		String subject, String incidentId, String outcome, Map<String, String> details,
		Map<String, String> sensitiveIdentifiers) implements AuditableEvent {

	public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	public static SampleEvent approved(String requestId) {
		return new SampleEvent(UUID.randomUUID(), T0, "U0ALICE01", "Alice", "action.approved", requestId,
				"7d1c1f0e-2b1f-4d5b-9a53-5c1c7a3f6a10", "ok", Map.of("action", "vault.revoke-lease"),
				Map.of("leaseId", "database/creds/readonly/abc123"));
	}

	public static SampleEvent of(String actor, String action, String outcome, Instant at) {
		return new SampleEvent(UUID.randomUUID(), at, actor, "", action, "subject-" + action, "", outcome, Map.of(),
				Map.of());
	}

	public SampleEvent withIncident(String incident) {
		return new SampleEvent(eventId, occurredAt, actor, actorName, action, subject, incident, outcome, details,
				sensitiveIdentifiers);
	}

	public SampleEvent withDetails(Map<String, String> newDetails) {
		return new SampleEvent(eventId, occurredAt, actor, actorName, action, subject, incidentId, outcome, newDetails,
				sensitiveIdentifiers);
	}
}
