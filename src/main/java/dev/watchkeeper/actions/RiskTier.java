package dev.watchkeeper.actions;

/**
 * How dangerous an action is, which decides how many distinct people must approve it
 * before it runs.
 */
public enum RiskTier {

	/** Read-only or trivially reversible: runs without approval (still audited). */
	LOW(0, "runs without approval"),

	/** Destructive: one approver, who is not the requester. */
	HIGH(1, "needs one approver"),

	/**
	 * Destructive with a wide blast radius: two distinct approvers, neither the
	 * requester.
	 */
	CRITICAL(2, "needs two distinct approvers");

	private final int approvalsRequired;

	private final String description;

	RiskTier(int approvalsRequired, String description) {
		this.approvalsRequired = approvalsRequired;
		this.description = description;
	}

	public int approvalsRequired() {
		return approvalsRequired;
	}

	/** e.g. "needs two distinct approvers", for messages. */
	public String description() {
		return description;
	}

}
