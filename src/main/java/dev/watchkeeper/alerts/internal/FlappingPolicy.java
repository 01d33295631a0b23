package dev.watchkeeper.alerts.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * An alert is flapping when it changed between firing and resolved more than
 * {@code maxChanges} times within {@code window}. A flapping incident is still kept
 * current in its message but no longer announced in the thread.
 */
record FlappingPolicy(int maxChanges, Duration window) {

	Instant windowStart(Instant now) {
		return now.minus(window);
	}

	boolean flapping(int changesInWindow) {
		return changesInWindow > maxChanges;
	}
}
