package dev.watchkeeper.core;

import java.util.Objects;
import java.util.UUID;

/** Identifies one incident (a group of alerts that share one Slack message). */
public record IncidentId(UUID value) {

	public IncidentId {
		Objects.requireNonNull(value, "value");
	}

	public static IncidentId random() {
		return new IncidentId(UUID.randomUUID());
	}

	public static IncidentId parse(String text) {
		return new IncidentId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
