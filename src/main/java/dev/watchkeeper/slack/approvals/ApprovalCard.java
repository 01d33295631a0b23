package dev.watchkeeper.slack.approvals;

import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.approvals.RequestState;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything an approval message shows, already redacted (not yet escaped): the input of
 * the pure functions in {@link ApprovalBlocks}.
 *
 * @param ticket the value the buttons carry (request id and binding hash)
 * @param incidentLink permalink of the incident thread, when known
 * @param approvals who approved, with epoch seconds
 */
record ApprovalCard(String requestId, String shortId, String ticket, String actionType, String actionDescription,
		RiskTier tier, RequestState state, String requester, String reason, @Nullable String incidentId,
		@Nullable String incidentLink, String preview, List<Param> params, List<Approver> approvals, Instant expiresAt,
		@Nullable Instant executionStartedAt, @Nullable String closedBy, @Nullable String note,
		@Nullable String outcome) {

	ApprovalCard {
		params = List.copyOf(params);
		approvals = List.copyOf(approvals);
	}

	int approvalsRequired() {
		return tier.approvalsRequired();
	}

	/** One parameter as shown. */
	record Param(String name, String value) {
	}

	/** One approval as shown. */
	record Approver(String userId, Instant at) {
	}
}
