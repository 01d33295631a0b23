package dev.watchkeeper.slack.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues Slack calls in the database, in the caller's transaction: nothing is sent from
 * here, the worker delivers. Living messages are identified by a key (e.g.
 * {@code incident:<id>}): the first delivery posts, later ones edit the message in place,
 * and repeated refreshes while one is pending coalesce into that one.
 */
@Component
public class SlackOutbox {

	/** The message key of replies queued for a thread by its ts rather than a key. */
	static final String THREAD_PREFIX = "thread:";

	private final OutboxRepository repository;

	private final Clock clock;

	private final Counter coalesced;

	SlackOutbox(OutboxRepository repository, Clock clock, MeterRegistry meters) {
		this.repository = repository;
		this.clock = clock;
		this.coalesced = Counter.builder("watchkeeper.slack.outbox.coalesced")
			.description("Refreshes of a living message merged into an update that was already queued")
			.register(meters);
	}

	/**
	 * Asks for the living message {@code key} to show its latest state in
	 * {@code channel}: a post the first time, an edit afterwards. The content is rendered
	 * by a {@link LivingMessageSource} when the worker delivers it.
	 */
	@Transactional
	public void refresh(String key, String channel) {
		refresh(key, channel, null);
	}

	/**
	 * Like {@link #refresh(String, String)}, for a living message that lives as a reply
	 * in the thread {@code threadTs} of {@code channel} (posted there the first time,
	 * edited there afterwards). A key keeps the place it was first posted in.
	 */
	@Transactional
	public void refresh(String key, String channel, @Nullable String threadTs) {
		Instant now = clock.instant();
		if (repository.touchPendingMessage(key, now) > 0) {
			coalesced.increment();
			return;
		}
		repository.insert(channel, key, OutboxRepository.MESSAGE, threadTs, null, null, false, null, now);
	}

	/**
	 * Queues a reply in the thread of the living message {@code key}, after everything
	 * queued for the channel before it. Idempotent on {@code dedupeKey}: a redelivered
	 * event does not reply twice.
	 * @param blocksJson Block Kit blocks as JSON, or null for text only
	 * @param broadcast also show the reply in the channel
	 */
	@Transactional
	public void reply(String key, String channel, String text, @Nullable String blocksJson, boolean broadcast,
			String dedupeKey) {
		if (repository.dedupeKeyExists(dedupeKey)) {
			return;
		}
		repository.insert(channel, key, OutboxRepository.REPLY, null, text, blocksJson, broadcast, dedupeKey,
				clock.instant());
	}

	/**
	 * Queues a reply in the thread of the message {@code threadTs} of {@code channel},
	 * one the outbox did not necessarily post itself (e.g. the thread a request was made
	 * in), after everything queued for the channel before it. Idempotent on
	 * {@code dedupeKey}.
	 * @param blocksJson Block Kit blocks as JSON, or null for text only
	 * @param broadcast also show the reply in the channel
	 */
	@Transactional
	public void replyInThread(String channel, String threadTs, String text, @Nullable String blocksJson,
			boolean broadcast, String dedupeKey) {
		if (repository.dedupeKeyExists(dedupeKey)) {
			return;
		}
		repository.insert(channel, THREAD_PREFIX + channel + "/" + threadTs, OutboxRepository.REPLY, threadTs, text,
				blocksJson, broadcast, dedupeKey, clock.instant());
	}

	/**
	 * Makes an existing Slack message the living message {@code key}, so the next
	 * {@link #refresh} edits it instead of posting a new one (a message posted before its
	 * kind moved to the outbox). Does nothing when the key already has a message.
	 */
	@Transactional
	public void adopt(String key, String channel, String ts, @Nullable String permalink) {
		if (repository.message(key).isEmpty()) {
			repository.saveMessage(key, channel, ts, permalink, clock.instant());
		}
	}

	/** The posted message of a key, once the worker has posted it. */
	@Transactional(readOnly = true)
	public Optional<PostedMessage> message(String key) {
		return repository.message(key);
	}

	@Transactional(readOnly = true)
	public List<PostedMessage> messages(Collection<String> keys) {
		return keys.isEmpty() ? List.of() : repository.messages(keys);
	}

	/** Holds back every write to {@code channel} until {@code until}. */
	public void pauseChannel(String channel, Instant until) {
		repository.pauseChannel(channel, until);
	}

}
