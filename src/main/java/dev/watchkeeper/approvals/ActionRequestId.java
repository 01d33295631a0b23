package dev.watchkeeper.approvals;

import java.util.Objects;
import java.util.UUID;

/** Identifies one action request. */
public record ActionRequestId(UUID value) {

	public ActionRequestId {
		Objects.requireNonNull(value, "value");
	}

	public static ActionRequestId random() {
		return new ActionRequestId(UUID.randomUUID());
	}

	/**
	 * @throws IllegalArgumentException when the text is not a UUID
	 */
	public static ActionRequestId parse(String text) {
		return new ActionRequestId(UUID.fromString(text));
	}

	/** First eight characters, for messages. */
	public String shortForm() {
		return value.toString().substring(0, 8);
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
