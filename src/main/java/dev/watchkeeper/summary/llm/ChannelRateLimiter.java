package dev.watchkeeper.summary.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most N AI summaries per channel in any sliding hour (per replica). */
final class ChannelRateLimiter {

	private static final Duration WINDOW = Duration.ofHours(1);

	private final int perHour;

	private final Clock clock;

	private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

	ChannelRateLimiter(int perHour, Clock clock) {
		this.perHour = perHour;
		this.clock = clock;
	}

	/** Takes a slot when one is free. */
	boolean tryAcquire(String channel) {
		Instant now = clock.instant();
		Deque<Instant> times = recent.computeIfAbsent(channel, c -> new ArrayDeque<>());
		synchronized (times) {
			while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
				times.pollFirst();
			}
			if (times.size() >= perHour) {
				return false;
			}
			times.addLast(now);
			return true;
		}
	}

}
