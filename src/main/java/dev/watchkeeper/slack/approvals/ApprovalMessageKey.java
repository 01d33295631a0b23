package dev.watchkeeper.slack.approvals;

import dev.watchkeeper.approvals.ActionRequestId;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox key of a request's living approval message: {@code approval:<request id>}.
 */
final class ApprovalMessageKey {

	static final String PREFIX = "approval:";

	private ApprovalMessageKey() {
	}

	static String of(ActionRequestId id) {
		return PREFIX + id.value();
	}

	/** The request a key names; empty for another kind of key or a malformed one. */
	static Optional<ActionRequestId> parse(String key) {
		if (!key.startsWith(PREFIX)) {
			return Optional.empty();
		}
		try {
			return Optional.of(new ActionRequestId(UUID.fromString(key.substring(PREFIX.length()))));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
