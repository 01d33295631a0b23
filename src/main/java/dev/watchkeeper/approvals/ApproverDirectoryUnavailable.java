package dev.watchkeeper.approvals;

/**
 * The approvers group could not be looked up (Slack unreachable, bad token, unknown
 * group).
 */
public class ApproverDirectoryUnavailable extends RuntimeException {

	public ApproverDirectoryUnavailable(String message) {
		super(message);
	}

	public ApproverDirectoryUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
