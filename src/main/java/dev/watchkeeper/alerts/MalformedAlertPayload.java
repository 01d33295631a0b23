package dev.watchkeeper.alerts;

/**
 * A webhook body that is not a usable alert payload; the message names what is wrong and
 * where.
 */
public class MalformedAlertPayload extends RuntimeException {

	public MalformedAlertPayload(String message) {
		super(message);
	}

}
