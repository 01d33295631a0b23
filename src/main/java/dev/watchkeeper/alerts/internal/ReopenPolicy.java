package dev.watchkeeper.alerts.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The reopen rule: a group that fires again within {@code window} of resolving reopens
 * its incident (same Slack message, same thread, same approvals); later it opens a new
 * incident with a new message.
 * <p>
 * Why: the same problem coming back minutes later is one incident to the people handling
 * it, and a new message per bounce is the flood this bot exists to prevent; a recurrence
 * hours later is new news and deserves a message that is seen, with a clean timeline,
 * while the old incident's record stays closed.
 */
record ReopenPolicy(Duration window) {

	boolean reopens(Instant resolvedAt, Instant now) {
		return !now.isAfter(resolvedAt.plus(window));
	}
}
