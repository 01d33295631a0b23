package dev.watchkeeper.diagnostics.internal;

/** A share is (or would become) larger than {@code watchkeeper.diagnostics.max-size}; answered with 413. */
public class ShareTooLarge extends RuntimeException {

	public ShareTooLarge(long limit) {
		super("the share is larger than the limit of " + limit + " bytes");
	}
}
