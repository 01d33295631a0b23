package dev.watchkeeper.alerts;

import dev.watchkeeper.core.IncidentId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Alerts of an open incident changed: new alerts, alerts that resolved while others still
 * fire, changed annotations, or the incident fired again shortly after resolving
 * ({@code reopened}). Not sent for identical re-deliveries.
 *
 * @param newCritical fingerprints of critical alerts that started firing in this change
 * (at most 20 listed)
 * @param newCriticalCount how many critical alerts started firing in this change
 * @param reopened the incident had resolved and fires again within the reopen window
 * @param flapping the incident is flapping: do not announce this change loudly
 */
public record IncidentUpdated(UUID eventId, IncidentId incident, String channel, long revision,
		List<String> newCritical, int newCriticalCount, boolean reopened, boolean flapping, Instant occurredAt) {

	public IncidentUpdated {
		newCritical = List.copyOf(newCritical);
	}
}
