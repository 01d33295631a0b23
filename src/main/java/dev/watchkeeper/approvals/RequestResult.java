package dev.watchkeeper.approvals;

import java.util.Objects;

/**
 * The answer to "please request this action": the stored request, or why none was made.
 */
public sealed interface RequestResult permits RequestResult.Created, RequestResult.Refused {

	/**
	 * Stored and waiting for approval (or, for a LOW tier action, already on its way).
	 */
	record Created(ActionRequest request) implements RequestResult {

		public Created {
			Objects.requireNonNull(request, "request");
		}
	}

	/**
	 * Unknown type, invalid parameters, or the action's preview refused (e.g. "lease not
	 * found in Vault").
	 */
	record Refused(String reason) implements RequestResult {

		public Refused {
			Objects.requireNonNull(reason, "reason");
		}
	}

}
