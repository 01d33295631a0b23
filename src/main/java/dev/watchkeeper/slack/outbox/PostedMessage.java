package dev.watchkeeper.slack.outbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A living message as Slack knows it: where it is, its timestamp id, and a link to it.
 */
public record PostedMessage(String messageKey, String channel, String ts, @Nullable String permalink,
		Instant postedAt) {
}
