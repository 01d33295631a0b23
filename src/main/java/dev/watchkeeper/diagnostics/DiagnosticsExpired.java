package dev.watchkeeper.diagnostics;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A share reached its expiry with views left (or an unfinished upload); the purge job
 * deleted its server half and ciphertext, so its link is dead for good.
 */
public record DiagnosticsExpired(UUID eventId, Instant occurredAt, ShareId shareId, int viewsLeft, boolean uploaded,
		String incidentId) implements AuditableEvent {

	@Override
	public String actor() {
		return "system";
	}

	@Override
	public String action() {
		return "diagnostics.expired";
	}

	@Override
	public String subject() {
		return shareId.value();
	}

	@Override
	public String outcome() {
		return "ok";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("viewsLeft", Integer.toString(viewsLeft), "uploaded", Boolean.toString(uploaded));
	}
}
