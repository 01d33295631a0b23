package dev.watchkeeper.slack.approvals;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.util.Responder;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.view.View;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.approvals.ApprovalsProperties;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.slack.SlackProperties;
import dev.watchkeeper.slack.outbox.SlackOutbox;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
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

/**
 * Everything the approval UI sends to Slack. The request message and the thread replies
 * are outbox entries written in the transaction of the change they show (so a crash
 * between commit and post loses nothing, a 429 only delays them, and they keep the
 * channel's pace); the message is rendered from the stored request at delivery, so
 * whatever order events arrive in, the last edit shows the latest state.
 * <p>
 * What answers one user's click or command at once (ephemeral answers, the denial dialog,
 * whose trigger id lives 3 s) is called directly, on a worker pool, after the triggering
 * request was acked.
 */
@Component
class ApprovalMessages implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ApprovalMessages.class);

	private final Slack slack;

	private final SlackProperties slackProperties;

	private final ApprovalsProperties approvalsProperties;

	private final Approvals approvals;

	private final ApprovalCards cards;

	private final ApprovalMessageStore store;

	private final SlackOutbox outbox;

	private final ThreadPoolExecutor worker;

	ApprovalMessages(Slack slack, SlackProperties slackProperties, ApprovalsProperties approvalsProperties,
			Approvals approvals, ApprovalCards cards, ApprovalMessageStore store, SlackOutbox outbox) {
		this.slack = slack;
		this.slackProperties = slackProperties;
		this.approvalsProperties = approvalsProperties;
		this.approvals = approvals;
		this.cards = cards;
		this.store = store;
		this.outbox = outbox;
		AtomicInteger threads = new AtomicInteger();
		// own pool, not an Executor bean (one would switch off Boot's
		// applicationTaskExecutor)
		this.worker = new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
			Thread thread = new Thread(r, "wk-approval-ui-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.worker.allowCoreThreadTimeOut(true);
	}

	/**
	 * Runs {@code task} after the ack; Slack gives up on an interaction that is not acked
	 * within 3 s.
	 */
	void submit(Runnable task) {
		try {
			worker.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					log.error("approval UI task failed", ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			log.error("approval UI overloaded ({} tasks queued); a Slack update was dropped", worker.getQueue().size());
		}
	}

	/**
	 * Queues the request's message to show its current state: posted the first time,
	 * edited in place afterwards, rendered by {@link ApprovalMessageSource} when the
	 * outbox delivers it. Call in the transaction that changed the request, so the change
	 * and the wish to show it commit together.
	 */
	void refresh(ActionRequest request) {
		String key = ApprovalMessageKey.of(request.id());
		Optional<ApprovalMessageStore.Location> legacy = store.find(request.id().value());
		if (legacy.isPresent()) {
			// posted before approval messages went through the outbox: keep editing that
			// message
			outbox.adopt(key, legacy.get().channelId(), legacy.get().messageTs(), null);
			outbox.refresh(key, legacy.get().channelId());
			return;
		}
		String channel = channel(request);
		if (channel == null) {
			log.warn("request {} was made without a channel and watchkeeper.approvals.channel is not set: no approval"
					+ " message posted", request.id());
			return;
		}
		outbox.refresh(key, channel);
	}

	/**
	 * Queues the final (or unknown) outcome as a reply in the incident thread the request
	 * came from, once per fact.
	 */
	void replyInIncidentThread(ActionRequest request, UUID eventId) {
		Conversation conversation = request.conversation();
		if (conversation == null || conversation.threadTs() == null) {
			return;
		}
		outbox.replyInThread(conversation.channelId(), conversation.threadTs(),
				ApprovalBlocks.threadReply(cards.card(request, null)), null, false, "approval-outcome:" + eventId);
	}

	/**
	 * An approved request could not start (audit unavailable): queues a reply saying so
	 * under its message, once per attempt.
	 */
	void blocked(ActionRequest request, String reason, Instant at) {
		String channel = store.find(request.id().value())
			.map(ApprovalMessageStore.Location::channelId)
			.orElseGet(() -> channel(request));
		if (channel == null) {
			return;
		}
		outbox.reply(ApprovalMessageKey.of(request.id()), channel,
				":warning: Approved but not started: " + Mrkdwn.escape(reason)
						+ ". Nothing ran; Watchkeeper retries while the approval is fresh.",
				null, false, "approval-blocked:" + request.id().value() + ":" + at.toEpochMilli());
	}

	private @Nullable String channel(ActionRequest request) {
		Conversation conversation = request.conversation();
		return conversation != null ? conversation.channelId() : approvalsProperties.channel();
	}

	/**
	 * Tells only the clicking user, through the interaction's {@code response_url} or an
	 * ephemeral message.
	 */
	void tellClicker(@Nullable String responseUrl, @Nullable String channelId, SlackUserId user, String text) {
		try {
			if (responseUrl != null && !responseUrl.isBlank()) {
				new Responder(slack, responseUrl)
					.send(ActionResponse.builder().responseType("ephemeral").replaceOriginal(false).text(text).build());
			}
			else if (channelId != null) {
				call("chat.postEphemeral",
						m -> m.chatPostEphemeral(r -> r.channel(channelId).user(user.value()).text(text)));
			}
		}
		catch (IOException ex) {
			log.warn("could not answer {}: {}", user, ex.getMessage());
		}
	}

	/** Answers a slash command later, through its {@code response_url}. */
	void respondToCommand(String responseUrl, String text) {
		try {
			new Responder(slack, responseUrl)
				.send(SlashCommandResponse.builder().responseType("ephemeral").text(text).build());
		}
		catch (IOException ex) {
			log.warn("could not answer a slash command: {}", ex.getMessage());
		}
	}

	void openDialog(String triggerId, View view) {
		call("views.open", m -> m.viewsOpen(r -> r.triggerId(triggerId).view(view)));
	}

	/** A card without the incident permalink, for the denial dialog. */
	ApprovalCard card(ActionRequest request) {
		return cards.card(request, null);
	}

	/** Cards of the open requests, for {@code /wk actions}. */
	List<ApprovalCard> openCards() {
		return approvals.open().stream().map(r -> cards.card(r, null)).toList();
	}

	List<String> availableActions() {
		return cards.availableActions();
	}

	/**
	 * One Web API call, retried at most twice on 429 (honouring {@code Retry-After}, at
	 * most 10 s) or on an I/O error. Returns null when it did not succeed; the reason is
	 * logged.
	 */
	private <T extends SlackApiTextResponse> @Nullable T call(String method, SlackCall<T> call) {
		if (slackProperties.botToken() == null) {
			log.warn("{} skipped: SLACK_BOT_TOKEN is not set", method);
			return null;
		}
		MethodsClient methods = slack.methods(slackProperties.botToken().reveal());
		for (int attempt = 1;; attempt++) {
			try {
				T response = call.apply(methods);
				if (!response.isOk()) {
					log.warn("{} answered {}", method, response.getError());
				}
				return response;
			}
			catch (SlackApiException ex) {
				if (ex.getResponse().code() != 429 || attempt >= 3) {
					log.warn("{} failed with HTTP {}", method, ex.getResponse().code());
					return null;
				}
				pause(retryAfterSeconds(ex));
			}
			catch (IOException ex) {
				if (attempt >= 3) {
					log.warn("{} failed: {}", method, ex.getMessage());
					return null;
				}
				pause(1);
			}
		}
	}

	private static long retryAfterSeconds(SlackApiException ex) {
		String header = ex.getResponse().header("Retry-After");
		try {
			return header == null ? 1 : Math.min(10, Math.max(1, Long.parseLong(header.strip())));
		}
		catch (NumberFormatException bad) {
			return 1;
		}
	}

	private static void pause(long seconds) {
		try {
			TimeUnit.SECONDS.sleep(seconds);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		worker.shutdown();
		worker.awaitTermination(10, TimeUnit.SECONDS);
	}

	/** One Web API call. */
	@FunctionalInterface
	interface SlackCall<T> {

		T apply(MethodsClient methods) throws IOException, SlackApiException;

	}

}
