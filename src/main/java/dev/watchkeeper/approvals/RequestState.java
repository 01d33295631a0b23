package dev.watchkeeper.approvals;

/**
 * Where a request stands.
 *
 * <pre>
 * PENDING ──approve (enough)──▶ APPROVED ──CAS──▶ EXECUTING ──▶ SUCCEEDED | FAILED | UNKNOWN
 *    │                              │                                                │
 *    ├─deny──▶ DENIED               └─approval stale at recovery──▶ EXPIRED          └─verified later──▶ SUCCEEDED | FAILED
 *    ├─ttl───▶ EXPIRED
 *    └─requester cancels──▶ CANCELLED
 * </pre>
 */
public enum RequestState {

	PENDING, APPROVED, EXECUTING, SUCCEEDED, FAILED, UNKNOWN, DENIED, EXPIRED, CANCELLED;

	/**
	 * Nothing more can happen to it. {@link #UNKNOWN} is not final: the reconciler may
	 * still settle it.
	 */
	public boolean isFinal() {
		return this == SUCCEEDED || this == FAILED || this == DENIED || this == EXPIRED || this == CANCELLED;
	}

	/** Approved and not yet settled: running, about to run, or outcome unclear. */
	public boolean isInFlight() {
		return this == APPROVED || this == EXECUTING || this == UNKNOWN;
	}

}
