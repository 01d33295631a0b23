package dev.watchkeeper.diagnostics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.credentials.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-client buckets: a burst, an even refill, separate budgets, bounded memory. */
class ClientRateLimiterTests {

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T03:00:00Z"));

	final ClientRateLimiter limiter = new ClientRateLimiter(3, Duration.ofMinutes(1), clock);

	@Test
	void aBurstUpToTheLimitPassesAndTheNextWaitsForItsShareOfTheRefill() {
		IntStream.range(0, 3).forEach(i -> assertThat(limiter.tryTake("10.0.0.1").isConsumed()).isTrue());

		var refused = limiter.tryTake("10.0.0.1");

		assertThat(refused.isConsumed()).isFalse();
		assertThat(Duration.ofNanos(refused.getNanosToWaitForRefill())).isEqualTo(Duration.ofSeconds(20));
		clock.advance(Duration.ofSeconds(20));
		assertThat(limiter.tryTake("10.0.0.1").isConsumed()).isTrue();
		assertThat(limiter.tryTake("10.0.0.1").isConsumed()).isFalse();
	}

	@Test
	void everyClientHasItsOwnBudget() {
		IntStream.range(0, 3).forEach(i -> limiter.tryTake("10.0.0.1"));

		assertThat(limiter.tryTake("10.0.0.1").isConsumed()).isFalse();
		assertThat(limiter.tryTake("10.0.0.2").isConsumed()).isTrue();
	}

	@Test
	void idleClientsAreForgottenOnceTheMapGrows() {
		IntStream.rangeClosed(0, ClientRateLimiter.SWEEP_ABOVE).forEach(i -> limiter.tryTake("client-" + i));
		limiter.tryTake("busy");
		limiter.tryTake("busy");
		clock.advance(Duration.ofMinutes(1));

		limiter.tryTake("newcomer");

		assertThat(limiter.clients()).as("only the newcomer: every other bucket had refilled").isEqualTo(1);
	}

}
