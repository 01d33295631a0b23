package dev.watchkeeper.slack.outbox;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The way back for parked entries: lists them and puts them back in the queue once the
 * cause is fixed (the bot invited to the channel, the channel unarchived). A requeued
 * entry keeps its place in its channel's order and starts with a fresh attempt count; a
 * living message is rendered from its current state when it is delivered.
 */
@Component
public class ParkedEntries {

	/** Listing more at once helps nobody reading a terminal. */
	static final int LIST_LIMIT = 1000;

	private static final Pattern CHANNEL = Pattern.compile("[CDG][A-Z0-9]{2,30}");

	private final OutboxRepository repository;

	private final Clock clock;

	ParkedEntries(OutboxRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/** Parked entries of these channels (every channel when empty), oldest first. */
	@Transactional(readOnly = true)
	public List<ParkedEntry> list(Collection<String> channels) {
		return repository.parked(checked(channels), LIST_LIMIT);
	}

	/**
	 * Requeues the parked entries of these channels (every channel when empty); returns
	 * how many.
	 */
	@Transactional
	public int requeue(Collection<String> channels) {
		return repository.requeue(checked(channels), clock.instant());
	}

	/** The channels as given; refuses anything that is not a Slack channel id. */
	static List<String> checked(Collection<String> channels) {
		for (String channel : channels) {
			if (!CHANNEL.matcher(channel).matches()) {
				throw new IllegalArgumentException("not a Slack channel id: '" + channel + "' (e.g. C0123ABCD)");
			}
		}
		return List.copyOf(channels);
	}

}
