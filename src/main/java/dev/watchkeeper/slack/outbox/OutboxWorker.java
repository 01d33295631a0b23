package dev.watchkeeper.slack.outbox;

import dev.watchkeeper.core.FeatureReport;
import dev.watchkeeper.slack.outbox.OutboxRepository.OutboxEntry;
import dev.watchkeeper.slack.outbox.SlackDelivery.Done;
import dev.watchkeeper.slack.outbox.SlackDelivery.Failed;
import dev.watchkeeper.slack.outbox.SlackDelivery.Failure;
import dev.watchkeeper.slack.outbox.SlackDelivery.Found;
import dev.watchkeeper.slack.outbox.SlackDelivery.Lookup;
import dev.watchkeeper.slack.outbox.SlackDelivery.Result;
import dev.watchkeeper.slack.outbox.SlackDelivery.Unknown;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox. Each poll finds channels that have work, whose pause is over and
 * that no worker holds; for each it takes the channel's lease (a compare-and-set in the
 * database, so one replica at a time), delivers the channel's next entry in order, sets
 * the channel's next allowed write (about one per second, or Slack's {@code Retry-After})
 * and releases the lease. A rate-limited or broken channel therefore pauses alone while
 * the others keep flowing.
 * <p>
 * Post-then-record: Slack has no idempotency key, so a crash between Slack accepting a
 * post and the database recording its {@code ts} is the one window where a duplicate
 * could appear. The worker marks an entry SENDING (committed) before calling Slack and
 * tags every post with metadata naming the entry; when it later finds an entry still
 * SENDING (its worker died), it first searches the channel's (or thread's) latest
 * messages for that tag and records the found message instead of posting again. Only if
 * that search is impossible (missing history scope) does it post again: a possible
 * duplicate is preferred to a lost incident message. Edits ({@code chat.update}) are
 * idempotent and simply repeated.
 */
@Component
class OutboxWorker implements SmartLifecycle, FeatureReport {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

	private static final Duration GAUGES_EVERY = Duration.ofSeconds(5);

	private final OutboxRepository repository;

	private final SlackDelivery slack;

	private final List<LivingMessageSource> sources;

	private final OutboxProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final MeterRegistry meters;

	private final String owner;

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong parked = new AtomicLong();

	private final Counter rateLimited;

	private volatile @Nullable ScheduledExecutorService poller;

	private volatile @Nullable ThreadPoolExecutor deliverers;

	private volatile Instant nextPurge = Instant.EPOCH;

	private volatile Instant nextGauges = Instant.EPOCH;

	OutboxWorker(OutboxRepository repository, SlackDelivery slack, List<LivingMessageSource> sources,
			OutboxProperties properties, TransactionTemplate transactions, Clock clock, MeterRegistry meters) {
		this.repository = repository;
		this.slack = slack;
		this.sources = sources;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
		this.meters = meters;
		this.owner = hostName() + "/" + UUID.randomUUID();
		this.rateLimited = Counter.builder("watchkeeper.slack.outbox.rate.limited")
			.description("Slack answers that asked the outbox to slow down (HTTP 429 or ratelimited)")
			.register(meters);
	}

	@Override
	public List<Feature> features() {
		return List.of(new Feature("Slack outbox (incident messages)", properties.enabled() && slack.enabled(),
				properties.enabled() ? "set SLACK_BOT_TOKEN" : "set watchkeeper.slack.outbox.enabled=true"));
	}

	@Override
	public void start() {
		if (!properties.enabled() || !slack.enabled()) {
			log.info("Slack outbox not delivering ({}); entries are kept until it is",
					properties.enabled() ? "no SLACK_BOT_TOKEN" : "watchkeeper.slack.outbox.enabled=false");
			return;
		}
		Gauge.builder("watchkeeper.slack.outbox.pending", pending, AtomicLong::get)
			.description("Outbox entries waiting for delivery")
			.register(meters);
		Gauge.builder("watchkeeper.slack.outbox.parked.entries", parked, AtomicLong::get)
			.description("Outbox entries parked because Slack refused them for good (see the log for why)")
			.register(meters);
		AtomicInteger threads = new AtomicInteger();
		deliverers = new ThreadPoolExecutor(properties.concurrency(), properties.concurrency(), 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(properties.concurrency()), r -> {
					Thread thread = new Thread(r, "slack-outbox-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "slack-outbox-poller");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::poll, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
		poller = scheduler;
		log.info("Slack outbox delivering: {} per channel, {} channels in parallel", properties.channelInterval(),
				properties.concurrency());
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = poller;
		ThreadPoolExecutor workers = deliverers;
		poller = null;
		deliverers = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
		if (workers != null) {
			workers.shutdown();
			try {
				// an interrupted call leaves its entry SENDING, which the next start
				// reconciles; waiting is nicer
				workers.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return poller != null;
	}

	/** One round: find due channels and hand each to a delivery thread. */
	void poll() {
		try {
			Instant now = clock.instant();
			for (String channel : repository.channelsWithoutPacing()) {
				repository.createChannel(channel, now);
			}
			ThreadPoolExecutor workers = deliverers;
			if (workers == null) {
				return;
			}
			for (String channel : repository.dueChannels(now, properties.concurrency() * 4)) {
				if (!inFlight.add(channel)) {
					continue;
				}
				try {
					workers.execute(() -> {
						try {
							deliverNext(channel);
						}
						catch (RuntimeException ex) {
							// typically the database went away mid-delivery; the lease
							// expires and it is retried
							log.warn("Slack outbox delivery to {} failed: {}", channel, ex.getMessage());
						}
						finally {
							inFlight.remove(channel);
						}
					});
				}
				catch (RejectedExecutionException ex) {
					inFlight.remove(channel);
					break; // all delivery threads busy: the next poll picks it up
				}
			}
			housekeeping(now);
		}
		catch (RuntimeException ex) {
			// database briefly unavailable, typically: try again next poll
			log.warn("Slack outbox poll failed: {}", ex.getMessage());
		}
	}

	/** Delivers the channel's next entry if this worker wins the channel's lease. */
	void deliverNext(String channel) {
		Instant now = clock.instant();
		if (!repository.claimChannel(channel, owner, now, now.plus(properties.lease()))) {
			return;
		}
		Instant next = now;
		try {
			Optional<OutboxEntry> head = repository.head(channel);
			if (head.isPresent()) {
				next = deliver(head.get());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Slack outbox delivery to {} failed: {}", channel, ex.getMessage());
			next = clock.instant().plus(properties.channelInterval());
		}
		finally {
			repository.releaseChannel(channel, owner, next);
		}
	}

	/** Delivers one entry and returns when the channel may be written to again. */
	private Instant deliver(OutboxEntry entry) {
		if (entry.reply() && entry.threadTs() != null) {
			// a reply in a thread named by its ts (one the outbox may not have posted)
			return deliverReply(entry,
					new PostedMessage(entry.messageKey(), entry.channel(), entry.threadTs(), null, entry.updatedAt()));
		}
		Optional<PostedMessage> parent = repository.message(entry.messageKey());
		if (entry.reply()) {
			if (parent.isEmpty()) {
				return park(entry, "parent_not_posted", "the message this replies to was never posted");
			}
			return deliverReply(entry, parent.get());
		}
		return deliverMessage(entry, parent);
	}

	private Instant deliverMessage(OutboxEntry entry, Optional<PostedMessage> posted) {
		if (entry.sending() && posted.isEmpty()) {
			Optional<String> ts = alreadyPosted(entry, entry.threadTs());
			if (ts.isPresent()) {
				recordPost(entry, ts.get());
				return paced();
			}
		}
		repository.markSending(entry.id(), clock.instant());
		LivingMessageSource source = sources.stream()
			.filter(s -> s.handles(entry.messageKey()))
			.findFirst()
			.orElse(null);
		if (source == null) {
			return park(entry, "no_renderer", "no LivingMessageSource handles key " + entry.messageKey());
		}
		Optional<SlackMessage> message = source.render(entry.messageKey());
		if (message.isEmpty()) {
			transactions.executeWithoutResult(tx -> repository.markSent(entry.id(), null, clock.instant()));
			return clock.instant();
		}
		if (posted.isPresent()) {
			Result result = slack.update(posted.get().channel(), posted.get().ts(), message.get());
			if (result instanceof Failed failed && failed.failure() == Failure.MESSAGE_GONE) {
				// someone deleted the message: forget it and post it again
				log.warn("Slack message {} for {} is gone; posting it again", posted.get().ts(), entry.messageKey());
				repository.deleteMessage(entry.messageKey());
				return post(entry, message.get(), entry.threadTs());
			}
			return settle(entry, result, "chat.update", ts -> repository.markSent(entry.id(), ts, clock.instant()));
		}
		return post(entry, message.get(), entry.threadTs());
	}

	private Instant post(OutboxEntry entry, SlackMessage message, @Nullable String threadTs) {
		Result result = slack.post(entry.channel(), threadTs, false, message.text(), message, null, entry.id(),
				entry.messageKey());
		return settle(entry, result, "chat.postMessage", ts -> recordPost(entry, ts));
	}

	private Instant deliverReply(OutboxEntry entry, PostedMessage parent) {
		if (entry.sending()) {
			Optional<String> ts = alreadyPosted(entry, parent.ts());
			if (ts.isPresent()) {
				transactions.executeWithoutResult(tx -> repository.markSent(entry.id(), ts.get(), clock.instant()));
				return paced();
			}
		}
		repository.markSending(entry.id(), clock.instant());
		Result result = slack.post(parent.channel(), parent.ts(), entry.broadcast(),
				entry.text() == null ? "" : entry.text(), null, entry.blocks(), entry.id(), entry.messageKey());
		return settle(entry, result, "reply", ts -> repository.markSent(entry.id(), ts, clock.instant()));
	}

	/**
	 * After a crash: was this entry posted before the worker died? Empty when not (or
	 * when it cannot tell).
	 */
	private Optional<String> alreadyPosted(OutboxEntry entry, @Nullable String threadTs) {
		Lookup lookup = slack.findPosted(entry.channel(), threadTs, entry.id());
		if (lookup instanceof Found found) {
			log.info("outbox entry {} ({}) had been posted before a restart as {}; not posting it again", entry.id(),
					entry.messageKey(), found.ts());
			return Optional.of(found.ts());
		}
		if (lookup instanceof Unknown unknown) {
			log.warn(
					"cannot tell whether outbox entry {} ({}) was posted before a restart ({}; the bot needs the "
							+ "channels:history and groups:history scopes); posting it again, which may duplicate it",
					entry.id(), entry.messageKey(), unknown.error());
		}
		return Optional.empty();
	}

	private void recordPost(OutboxEntry entry, String ts) {
		String permalink = slack.permalink(entry.channel(), ts).orElse(null);
		transactions.executeWithoutResult(tx -> {
			repository.deleteMessage(entry.messageKey());
			repository.saveMessage(entry.messageKey(), entry.channel(), ts, permalink, clock.instant());
			repository.markSent(entry.id(), ts, clock.instant());
		});
	}

	private Instant settle(OutboxEntry entry, Result result, String method, Consumer<String> sent) {
		if (result instanceof Done done) {
			sent.accept(done.ts());
			meters.counter("watchkeeper.slack.outbox.delivered", "method", method).increment();
			return paced();
		}
		Failed failed = (Failed) result;
		Instant now = clock.instant();
		return switch (failed.failure()) {
			case RATE_LIMITED -> {
				rateLimited.increment();
				repository.markPending(entry.id(), failed.error(), false, now);
				log.info("Slack asked to slow down on channel {}: pausing it for {}", entry.channel(),
						failed.retryAfter());
				yield now.plus(failed.retryAfter());
			}
			case PERMANENT -> park(entry, failed.error(), "Slack refused " + method);
			case AUTHENTICATION -> {
				repository.markPending(entry.id(), failed.error(), false, now);
				log.error("Slack refused the bot token ({}) for channel {}: check SLACK_BOT_TOKEN and its scopes;"
						+ " retrying in {}", failed.error(), entry.channel(), properties.maxBackoff());
				yield now.plus(properties.maxBackoff());
			}
			case MESSAGE_GONE, TRANSIENT -> {
				if (entry.attempts() + 1 >= properties.maxAttempts()) {
					yield park(entry, failed.error(),
							"gave up after " + (entry.attempts() + 1) + " attempts of " + method);
				}
				repository.markPending(entry.id(), failed.error(), true, now);
				Duration backoff = backoff(entry.attempts() + 1);
				log.warn("Slack {} to channel {} failed ({}); retrying in {}", method, entry.channel(), failed.error(),
						backoff);
				yield now.plus(backoff);
			}
		};
	}

	private Instant park(OutboxEntry entry, String error, String why) {
		repository.markParked(entry.id(), error, clock.instant());
		meters.counter("watchkeeper.slack.outbox.parked", "error", error).increment();
		log.error("parked Slack outbox entry {} ({} for {} in channel {}): {} ({}); later entries keep flowing",
				entry.id(), entry.kind(), entry.messageKey(), entry.channel(), error, why);
		return paced();
	}

	private Instant paced() {
		return clock.instant().plus(properties.channelInterval());
	}

	private Duration backoff(int attempts) {
		Duration backoff = Duration.ofSeconds(1L << Math.min(attempts, 16));
		return backoff.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : backoff;
	}

	private void housekeeping(Instant now) {
		if (now.isAfter(nextGauges)) {
			nextGauges = now.plus(GAUGES_EVERY);
			pending.set(repository.count(OutboxRepository.PENDING) + repository.count(OutboxRepository.SENDING));
			parked.set(repository.count(OutboxRepository.PARKED));
		}
		if (now.isAfter(nextPurge)) {
			nextPurge = now.plus(PURGE_EVERY);
			int purged = repository.purgeSent(now.minus(properties.retention()));
			if (purged > 0) {
				log.debug("purged {} delivered outbox entries", purged);
			}
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "unknown-host";
		}
	}

}
