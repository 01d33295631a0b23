package dev.watchkeeper.slack.incidents;

import dev.watchkeeper.core.IncidentId;

/**
 * The outbox key of an incident's living message. Replies that belong in the incident's
 * thread (runbook suggestions, AI summaries) name the same key, so the outbox posts them
 * under that message.
 */
public final class IncidentMessageKey {

	static final String PREFIX = "incident:";

	private IncidentMessageKey() {
	}

	public static String of(IncidentId id) {
		return PREFIX + id;
	}

}
