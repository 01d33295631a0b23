package dev.watchkeeper.diagnostics;

/**
 * Slack could not say who is in the audience right now; a reveal then fails closed and
 * uses nothing.
 */
public class AudienceDirectoryUnavailable extends RuntimeException {

	public AudienceDirectoryUnavailable(String message) {
		super(message);
	}

	public AudienceDirectoryUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
