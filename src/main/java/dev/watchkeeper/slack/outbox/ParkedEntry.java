package dev.watchkeeper.slack.outbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An outbox entry Slack refused for good (e.g. {@code channel_not_found} before the bot
 * was invited), kept until an operator requeues it.
 *
 * @param kind {@code MESSAGE} (a living message) or {@code REPLY}
 * @param error what Slack (or the worker) answered last
 * @param parkedAt when it was parked
 */
public record ParkedEntry(long id, String channel, String messageKey, String kind, @Nullable String error, int attempts,
		Instant parkedAt) {
}
