package dev.watchkeeper.actions;

import java.util.Objects;

/**
 * What an action would do with given parameters, found out without changing anything.
 * Shown to approvers and bound into the approval hash; or a refusal, so that e.g. a lease
 * unknown to Vault never reaches an approver.
 */
public sealed interface ActionPreview permits ActionPreview.Ready, ActionPreview.Refused {

	static ActionPreview ready(String text) {
		return new Ready(text);
	}

	static ActionPreview refused(String reason) {
		return new Refused(reason);
	}

	/**
	 * The exact text approvers see, e.g. "revokes lease database/creds/ro/abc (TTL 42m,
	 * engine database/)".
	 */
	record Ready(String text) implements ActionPreview {

		public Ready {
			Objects.requireNonNull(text, "text");
		}
	}

	/**
	 * Why no request can be made, in words for the requester, e.g. "lease not found in
	 * Vault".
	 */
	record Refused(String reason) implements ActionPreview {

		public Refused {
			Objects.requireNonNull(reason, "reason");
		}
	}

}
