package dev.watchkeeper.slack.outbox;

import java.util.Optional;

/**
 * Renders the current state of living messages of one kind (e.g. keys
 * {@code incident:<id>}). Called by the outbox worker at delivery time, so however many
 * updates were queued, Slack receives the latest state once.
 */
public interface LivingMessageSource {

	boolean handles(String messageKey);

	/**
	 * The message as it should look now; empty when there is nothing to show any more
	 * (the entry is dropped).
	 */
	Optional<SlackMessage> render(String messageKey);

}
