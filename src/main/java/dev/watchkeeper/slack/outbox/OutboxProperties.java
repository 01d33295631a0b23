package dev.watchkeeper.slack.outbox;

import dev.watchkeeper.core.InvalidConfiguration;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox settings.
 *
 * @param enabled deliver at all (entries are still recorded when off, and delivered once
 * on)
 * @param channelInterval the pause between two writes to one channel; Slack allows about
 * one message per second
 * @param pollInterval how often the worker looks for due channels
 * @param lease how long a worker may hold a channel before another replica may take over
 * (longer than any call)
 * @param concurrency channels delivered to in parallel by one replica
 * @param maxAttempts failed attempts (other than rate limits and authentication) before
 * an entry is parked
 * @param maxBackoff the longest pause after repeated failures
 * @param retention how long delivered entries are kept before they are purged
 */
@ConfigurationProperties("watchkeeper.slack.outbox")
public record OutboxProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration channelInterval,
		@DefaultValue("250ms") Duration pollInterval, @DefaultValue("2m") Duration lease,
		@DefaultValue("4") int concurrency, @DefaultValue("10") int maxAttempts,
		@DefaultValue("5m") Duration maxBackoff, @DefaultValue("7d") Duration retention) {

	public OutboxProperties {
		if (concurrency < 1) {
			throw new InvalidConfiguration("watchkeeper.slack.outbox.concurrency must be at least 1");
		}
		if (pollInterval.isZero() || pollInterval.isNegative()) {
			throw new InvalidConfiguration("watchkeeper.slack.outbox.poll-interval must be positive");
		}
		if (maxAttempts < 1) {
			throw new InvalidConfiguration("watchkeeper.slack.outbox.max-attempts must be at least 1");
		}
	}
}
