package dev.watchkeeper.diagnostics.internal;

/**
 * The one answer for an id that is unknown, expired, burned, revoked, or asked about
 * without the key: outsiders cannot tell these apart.
 */
public class ShareNotAvailable extends RuntimeException {

	static final String MESSAGE = "This link is not available: it expired, was viewed as many times as allowed, "
			+ "was revoked, or never existed.";

	public ShareNotAvailable() {
		super(MESSAGE);
	}

}
