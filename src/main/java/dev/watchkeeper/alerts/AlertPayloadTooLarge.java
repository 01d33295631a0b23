package dev.watchkeeper.alerts;

/**
 * A webhook body longer than {@code watchkeeper.alerts.max-body}; thrown while streaming,
 * before it is all read.
 */
public class AlertPayloadTooLarge extends RuntimeException {

	private final long limit;

	public AlertPayloadTooLarge(long limit) {
		super("request body exceeds " + limit + " bytes (watchkeeper.alerts.max-body)");
		this.limit = limit;
	}

	public long limit() {
		return limit;
	}

}
