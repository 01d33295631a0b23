package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.DiagnosticsRevealRefused.Reason;
import org.jspecify.annotations.Nullable;

/** Whether the person asking may reveal a share, decided before anything is consumed. */
enum Access {

	/** Sign in with Slack is not configured: the link is the capability. */
	LINK_HOLDER(null),

	/** A signed-in member of the share's audience. */
	ALLOWED(null),

	SIGN_IN_REQUIRED(Reason.NOT_SIGNED_IN),

	OTHER_TEAM(Reason.OTHER_TEAM),

	NOT_IN_AUDIENCE(Reason.NOT_IN_AUDIENCE),

	/**
	 * Slack could not answer (down, rate-limited, not configured): fail closed, retry
	 * later.
	 */
	UNVERIFIABLE(Reason.AUDIENCE_UNVERIFIABLE);

	private final @Nullable Reason refusal;

	Access(@Nullable Reason refusal) {
		this.refusal = refusal;
	}

	boolean permits() {
		return refusal == null;
	}

	/** The refusal to record; only for accesses that do not permit. */
	Reason refusal() {
		if (refusal == null) {
			throw new IllegalStateException(this + " is not a refusal");
		}
		return refusal;
	}

	/** The value of {@code access} in the status answer. */
	String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
