package dev.watchkeeper.approvals;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One approval was recorded. {@link #fullyApproved()} tells whether it was the last one
 * needed (CRITICAL actions need two). For LOW tier actions the approver is {@code system}
 * and no approval was needed.
 */
public record ActionApproved(UUID eventId, Instant occurredAt, UUID requestId, String actionType, String approver,
		int approvalsGiven, int approvalsRequired, String incidentId,
		Map<String, String> identifiers) implements AuditableEvent {

	public ActionApproved {
		identifiers = Map.copyOf(identifiers);
	}

	public boolean fullyApproved() {
		return approvalsGiven >= approvalsRequired;
	}

	@Override
	public String actor() {
		return approver;
	}

	@Override
	public String action() {
		return "action.approved";
	}

	@Override
	public String subject() {
		return requestId.toString();
	}

	@Override
	public String outcome() {
		return fullyApproved() ? "approved" : "approval-recorded";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("type", actionType, "approvals", approvalsGiven + "/" + approvalsRequired);
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return identifiers;
	}
}
