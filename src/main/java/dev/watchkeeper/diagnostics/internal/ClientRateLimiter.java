package dev.watchkeeper.diagnostics.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per client address (Bucket4j), in this replica's memory: {@code limit}
 * requests at once, refilled evenly over {@code period}. Buckets that are full again are
 * dropped when the map grows (at most once per period), so memory stays bounded by the
 * clients of the last period.
 */
final class ClientRateLimiter {

	static final int SWEEP_ABOVE = 10_000;

	private final long limit;

	private final Duration period;

	private final TimeMeter time;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private volatile long nextSweep = Long.MIN_VALUE;

	ClientRateLimiter(long limit, Duration period, Clock clock) {
		this.limit = limit;
		this.period = period;
		this.time = new ClockTimeMeter(clock);
	}

	/**
	 * Takes one request's token for {@code client}; the probe says how long to wait when
	 * refused.
	 */
	ConsumptionProbe tryTake(String client) {
		long now = time.currentTimeNanos();
		// at most one sweep per period: with many busy clients a sweep frees little, and
		// sweeping on every request would make each one walk the whole map
		if (buckets.size() > SWEEP_ABOVE && now >= nextSweep) {
			nextSweep = now + period.toNanos();
			buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= limit);
		}
		return buckets.computeIfAbsent(client, c -> newBucket()).tryConsumeAndReturnRemaining(1);
	}

	int clients() {
		return buckets.size();
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build())
			.withCustomTimePrecision(time)
			.build();
	}

	/** The application clock as Bucket4j's time source, so tests can move time. */
	private record ClockTimeMeter(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			java.time.Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
