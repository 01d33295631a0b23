package dev.watchkeeper.slack.summary;

import com.slack.api.Slack;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.util.Responder;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.IncidentOpened;
import dev.watchkeeper.alerts.Incidents;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.slack.incidents.IncidentMessageKey;
import dev.watchkeeper.slack.outbox.SlackOutbox;
import dev.watchkeeper.summary.llm.AiSummaries;
import dev.watchkeeper.summary.llm.AiSummary;
import dev.watchkeeper.summary.llm.IncidentFacts;
import dev.watchkeeper.summary.llm.LlmProperties;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Asks for an AI summary off the request thread and queues the answer as a reply in the
 * incident's thread through the outbox (so it lands after the incident message, on
 * whichever replica delivers it). Used by {@code /wk summarize} and by automatic mode on
 * {@link IncidentOpened}.
 */
@Component
class AiSummaryReplies implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AiSummaryReplies.class);

	/**
	 * Same key as the incident's living message ({@code slack.incidents}): the reply goes
	 * into its thread.
	 */
	static String messageKey(IncidentId id) {
		return IncidentMessageKey.of(id);
	}

	private final AiSummaries summaries;

	private final LlmProperties properties;

	private final Incidents incidents;

	private final SlackOutbox outbox;

	private final Slack slack;

	private final Clock clock;

	private final ThreadPoolExecutor pool;

	AiSummaryReplies(AiSummaries summaries, LlmProperties properties, Incidents incidents, SlackOutbox outbox,
			Slack slack, Clock clock) {
		this.summaries = summaries;
		this.properties = properties;
		this.incidents = incidents;
		this.outbox = outbox;
		this.slack = slack;
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		// bounded, and it refuses rather than running on the caller: the intake thread
		// must never wait for a model
		this.pool = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(50), r -> {
			Thread thread = new Thread(r, "wk-ai-summary-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}, new ThreadPoolExecutor.AbortPolicy());
		this.pool.allowCoreThreadTimeOut(true);
	}

	boolean enabled() {
		return summaries.enabled();
	}

	/**
	 * Summarizes {@code incident} in the background; when there is none, tells
	 * {@code responseUrl} why.
	 * @return false when too many summaries are already queued
	 */
	boolean requestFor(Incident incident, @Nullable String responseUrl) {
		try {
			pool.execute(() -> summarize(incident, "ai-summary:" + UUID.randomUUID(), responseUrl));
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	/**
	 * Automatic mode: right after the intake commits, hand off and return; the outbox
	 * orders the reply after the post.
	 */
	@TransactionalEventListener
	void on(IncidentOpened event) {
		if (event.channel().isBlank() || !properties.autoSummarizes(event.channel())) {
			return;
		}
		try {
			pool.execute(() -> incidents.find(event.incident())
				.ifPresent(incident -> summarize(incident, "ai-summary:auto:" + event.incident(), null)));
		}
		catch (RejectedExecutionException ex) {
			log.warn("AI summary of incident {} skipped: too many summaries queued", event.incident());
		}
	}

	private void summarize(Incident incident, String dedupeKey, @Nullable String responseUrl) {
		try {
			AiSummary summary = summaries.summarize(incident.channel(), IncidentFacts.from(incident, clock.instant()));
			if (summary instanceof AiSummary.Generated generated) {
				outbox.reply(messageKey(incident.id()), incident.channel(), AiSummaryMessages.text(generated.text()),
						AiSummaryMessages.blocksJson(generated.text()), false, dedupeKey);
			}
			else if (summary instanceof AiSummary.Skipped skipped && responseUrl != null) {
				respond(responseUrl, AiSummaryMessages.skipped(skipped.reason()));
			}
		}
		catch (RuntimeException ex) {
			log.error("AI summary of incident {} failed", incident.id(), ex);
			if (responseUrl != null) {
				respond(responseUrl, ":x: The AI summary could not be made. The incident message has the facts.");
			}
		}
	}

	private void respond(String responseUrl, String text) {
		try {
			new Responder(slack, responseUrl)
				.send(SlashCommandResponse.builder().responseType("ephemeral").text(text).build());
		}
		catch (IOException ex) {
			log.warn("could not answer /wk summarize: {}", ex.getMessage());
		}
	}

	Optional<Incident> newestOpenIn(String channel) {
		return incidents.open()
			.stream()
			.filter(i -> i.channel().equals(channel))
			.max(java.util.Comparator.comparing(Incident::openedAt));
	}

	Optional<Incident> find(IncidentId id) {
		return incidents.find(id);
	}

	@Override
	public void destroy() {
		pool.shutdownNow();
	}

}
