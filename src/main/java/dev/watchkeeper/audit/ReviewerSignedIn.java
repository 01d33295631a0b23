package dev.watchkeeper.audit;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Someone signed in to the reviewer UI; outcome {@code refused} when they are not a
 * configured reviewer.
 */
public record ReviewerSignedIn(UUID eventId, Instant occurredAt, Reviewer reviewer,
		boolean admitted) implements AuditableEvent {

	@Override
	public String actor() {
		return reviewer.id();
	}

	@Override
	public String actorName() {
		return reviewer.name();
	}

	@Override
	public String action() {
		return "audit.signed_in";
	}

	@Override
	public String subject() {
		return "reviewer-ui";
	}

	@Override
	public String outcome() {
		return admitted ? "ok" : "refused";
	}

	@Override
	public Map<String, String> details() {
		return admitted ? Map.of("via", reviewer.via())
				: Map.of("via", reviewer.via(), "reason", "not a configured reviewer (watchkeeper.audit.reviewers)");
	}
}
