package dev.watchkeeper.diagnostics.internal;

/** A share is (or would become) larger than allowed; answered with 413. */
public class ShareTooLarge extends RuntimeException {

	public ShareTooLarge(String message) {
		super(message);
	}

	/** The content is over {@code watchkeeper.diagnostics.max-size}. */
	static ShareTooLarge overLimit(long contentLimit) {
		return new ShareTooLarge(
				"the share is larger than the limit of " + contentLimit + " bytes (" + (contentLimit >> 20) + " MiB)");
	}

}
