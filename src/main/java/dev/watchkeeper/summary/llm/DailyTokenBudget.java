package dev.watchkeeper.summary.llm;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Tokens spent per UTC day; a call is allowed only when its estimate still fits (per
 * replica).
 */
final class DailyTokenBudget {

	private final long perDay;

	private final Clock clock;

	private LocalDate day;

	private long used;

	DailyTokenBudget(long perDay, Clock clock) {
		this.perDay = perDay;
		this.clock = clock;
	}

	synchronized boolean reserve(long estimate) {
		rollOver();
		if (used + estimate > perDay) {
			return false;
		}
		used += estimate;
		return true;
	}

	/** Replaces the estimate by what the provider counted. */
	synchronized void settle(long estimate, long actual) {
		rollOver();
		used = Math.max(0, used - estimate + actual);
	}

	synchronized long usedToday() {
		rollOver();
		return used;
	}

	private void rollOver() {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		if (!today.equals(day)) {
			day = today;
			used = 0;
		}
	}

}
