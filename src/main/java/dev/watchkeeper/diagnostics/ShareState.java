package dev.watchkeeper.diagnostics;

/**
 * Where a share is in its life. Only {@link #READY} shares can be revealed; the last
 * three are final.
 */
public enum ShareState {

	/** Created; the ciphertext is being uploaded. */
	PENDING,

	/** Revealable while views are left and it has not expired. */
	READY,

	/** Every view was used; the server half is deleted. */
	BURNED,

	/**
	 * Revoked by the creator, an incident commander, a holder of the link, or too many
	 * wrong passphrases.
	 */
	REVOKED,

	/** Reached its expiry; the server half is deleted. */
	EXPIRED;

	public boolean live() {
		return this == PENDING || this == READY;
	}

}
