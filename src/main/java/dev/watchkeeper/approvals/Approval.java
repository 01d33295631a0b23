package dev.watchkeeper.approvals;

import dev.watchkeeper.core.SlackUserId;
import java.time.Instant;
import java.util.Objects;

/** One person's approval of a request. */
public record Approval(SlackUserId approver, Instant at) {

	public Approval {
		Objects.requireNonNull(approver, "approver");
		Objects.requireNonNull(at, "at");
	}
}
