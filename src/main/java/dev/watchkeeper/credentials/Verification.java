package dev.watchkeeper.credentials;

/**
 * What Watchkeeper saw in Vault after acting: never just "done", because Vault answers
 * 204 even for a lease that never existed and can fail after acting.
 */
public enum Verification {

	/**
	 * A lookup after the call shows the effect: the lease/token is gone, the role's last
	 * rotation moved.
	 */
	CONFIRMED("verified"),
	/**
	 * A lookup after the call shows no effect: the lease/token is still present, the
	 * rotation did not happen.
	 */
	NOT_CONFIRMED("not-verified"),
	/**
	 * No lookup could settle it (Vault did not answer); a later lookup must, never a
	 * blind retry.
	 */
	UNKNOWN("unknown");

	private final String outcome;

	Verification(String outcome) {
		this.outcome = outcome;
	}

	/** The audit outcome word. */
	public String outcome() {
		return outcome;
	}

}
