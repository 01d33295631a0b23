package dev.watchkeeper.approvals;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The request moved to EXECUTING. Published in the same transaction as that
 * compare-and-set: if the audit trail cannot record this, the transaction rolls back and
 * the action does not run.
 *
 * @param approvers who approved (empty for LOW tier)
 * @param startedBy {@code executor} right after approval, or {@code reconciler} after a
 * restart
 */
public record ActionExecutionStarted(UUID eventId, Instant occurredAt, UUID requestId, String actionType,
		List<String> approvers, String binding, String startedBy, String incidentId,
		Map<String, String> identifiers) implements AuditableEvent {

	public ActionExecutionStarted {
		approvers = List.copyOf(approvers);
		identifiers = Map.copyOf(identifiers);
	}

	@Override
	public String actor() {
		return "system";
	}

	@Override
	public String action() {
		return "action.execution-started";
	}

	@Override
	public String subject() {
		return requestId.toString();
	}

	@Override
	public String outcome() {
		return "executing";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("type", actionType, "approved_by", String.join(",", approvers), "binding", binding, "started_by",
				startedBy);
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return identifiers;
	}
}
