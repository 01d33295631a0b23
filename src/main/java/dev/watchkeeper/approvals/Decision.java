package dev.watchkeeper.approvals;

import java.util.Objects;

/** What a click achieved, for the user interface to render. */
public sealed interface Decision permits Decision.Accepted, Decision.Rejected, Decision.AlreadyRecorded {

	/** The click was recorded; {@code request} is the request after it. */
	record Accepted(ActionRequest request) implements Decision {

		public Accepted {
			Objects.requireNonNull(request, "request");
		}
	}

	/**
	 * Nothing changed (beyond an audit entry); {@code reason} is shown to the clicking
	 * user only.
	 */
	record Rejected(String reason) implements Decision {

		public Rejected {
			Objects.requireNonNull(reason, "reason");
		}
	}

	/** The very same click was seen before (a replay or a retry): nothing changed. */
	record AlreadyRecorded(String subject) implements Decision {

		public AlreadyRecorded {
			Objects.requireNonNull(subject, "subject");
		}
	}

}
