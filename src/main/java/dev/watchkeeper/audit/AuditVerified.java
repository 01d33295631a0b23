package dev.watchkeeper.audit;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A reviewer verified the audit chain; the outcome is {@code ok} or {@code broken}. */
public record AuditVerified(UUID eventId, Instant occurredAt, Reviewer reviewer,
		Verification result) implements AuditableEvent {

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
		return "audit.verified";
	}

	@Override
	public String subject() {
		return "audit-trail";
	}

	@Override
	public String outcome() {
		return result.intact() ? "ok" : "broken";
	}

	@Override
	public Map<String, String> details() {
		if (result instanceof Verification.Broken broken) {
			return Map.of("via", reviewer.via(), "brokenSequence", Long.toString(broken.sequence()), "problem",
					broken.problem().name(), "explanation", broken.explanation());
		}
		Verification.Intact ok = (Verification.Intact) result;
		return Map.of("via", reviewer.via(), "entries", Long.toString(ok.entries()), "headSequence",
				Long.toString(ok.headSequence()), "headHash", ok.headHash());
	}
}
