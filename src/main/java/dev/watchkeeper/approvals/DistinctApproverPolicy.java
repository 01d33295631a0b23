package dev.watchkeeper.approvals;

import dev.watchkeeper.core.SlackUserId;
import java.util.Optional;

/**
 * Security rule: an approver is never the requester, and each approval comes from a
 * different person, so a CRITICAL action really has two people besides the requester
 * behind it. (The database enforces distinct approvers too: the primary key of
 * {@code action_approval}.)
 */
final class DistinctApproverPolicy {

	private DistinctApproverPolicy() {
	}

	static Optional<String> refusal(ActionRequest request, SlackUserId approver) {
		if (approver.equals(request.requester())) {
			return Optional.of("you requested this action, so someone else must approve it");
		}
		if (request.hasApproved(approver)) {
			return Optional.of("you already approved this request; it needs " + (request.approvalsMissing() == 1
					? "one more approval" : request.approvalsMissing() + " more approvals")
					+ " from a different person");
		}
		return Optional.empty();
	}

}
