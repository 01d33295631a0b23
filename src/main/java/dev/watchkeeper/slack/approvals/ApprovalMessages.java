package dev.watchkeeper.slack.approvals;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.util.Responder;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.view.View;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.ActionRequestId;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.approvals.ApprovalsProperties;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.slack.SlackProperties;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Everything the approval UI sends to Slack, done on a worker pool after the triggering
 * request was acked. The request message is (re)rendered from the stored request under a
 * per-request lock, so whatever order events arrive in, the last edit shows the latest
 * state.
 * <p>
 * Calls the Web API directly with the bot token for now. When the persistent outbox
 * lands, {@link #post}, {@link #update} and the thread replies become outbox entries
 * written in the event's transaction, and the bounded retry in {@link #call} goes away.
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

	private final Clock clock;

	private final ThreadPoolExecutor worker;

	private final ReentrantLock[] locks = new ReentrantLock[64];

	ApprovalMessages(Slack slack, SlackProperties slackProperties, ApprovalsProperties approvalsProperties,
			Approvals approvals, ApprovalCards cards, ApprovalMessageStore store, Clock clock) {
		this.slack = slack;
		this.slackProperties = slackProperties;
		this.approvalsProperties = approvalsProperties;
		this.approvals = approvals;
		this.cards = cards;
		this.store = store;
		this.clock = clock;
		for (int i = 0; i < locks.length; i++) {
			locks[i] = new ReentrantLock();
		}
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
	 * Posts the request's message if it has none yet, else edits it to show the current
	 * state.
	 */
	void show(ActionRequestId id) {
		withLock(id, () -> approvals.find(id).ifPresent(request -> {
			Optional<ApprovalMessageStore.Location> location = store.find(id.value());
			if (location.isPresent()) {
				update(request, location.get());
			}
			else {
				post(request);
			}
		}));
	}

	/**
	 * On a final (or unknown) state: the outcome also goes to the incident thread the
	 * request came from.
	 */
	void replyInIncidentThread(ActionRequestId id) {
		approvals.find(id).ifPresent(request -> {
			Conversation conversation = request.conversation();
			if (conversation == null || conversation.threadTs() == null) {
				return;
			}
			String permalink = store.find(id.value())
				.map(ApprovalMessageStore.Location::incidentPermalink)
				.orElse(null);
			String text = ApprovalBlocks.threadReply(cards.card(request, permalink));
			call("chat.postMessage",
					m -> m.chatPostMessage(r -> r.channel(conversation.channelId())
						.threadTs(conversation.threadTs())
						.text(text)
						.unfurlLinks(false)));
		});
	}

	/**
	 * An approved request could not start (audit unavailable): say so under its message.
	 */
	void blocked(ActionRequestId id, String reason) {
		store.find(id.value())
			.ifPresent(location -> call("chat.postMessage",
					m -> m.chatPostMessage(r -> r.channel(location.channelId())
						.threadTs(location.messageTs())
						.text(":warning: Approved but not started: " + Mrkdwn.escape(reason)
								+ ". Nothing ran; Watchkeeper retries while the approval is fresh."))));
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

	private void post(ActionRequest request) {
		Conversation conversation = request.conversation();
		String channel = conversation != null ? conversation.channelId() : approvalsProperties.channel();
		if (channel == null) {
			log.warn("request {} was made without a channel and watchkeeper.approvals.channel is not set: no approval"
					+ " message posted", request.id());
			return;
		}
		String permalink = null;
		if (conversation != null && conversation.threadTs() != null) {
			ChatGetPermalinkResponse link = call("chat.getPermalink", m -> m
				.chatGetPermalink(r -> r.channel(conversation.channelId()).messageTs(conversation.threadTs())));
			permalink = link != null && link.isOk() ? link.getPermalink() : null;
		}
		ApprovalCard card = cards.card(request, permalink);
		ChatPostMessageResponse posted = call("chat.postMessage",
				m -> m.chatPostMessage(r -> r.channel(channel)
					.text(ApprovalBlocks.notificationText(card))
					.blocks(ApprovalBlocks.message(card))
					.unfurlLinks(false)));
		if (posted != null && posted.isOk()) {
			store.save(request.id().value(),
					new ApprovalMessageStore.Location(posted.getChannel(), posted.getTs(), permalink), clock.instant());
		}
	}

	private void update(ActionRequest request, ApprovalMessageStore.Location location) {
		ApprovalCard card = cards.card(request, location.incidentPermalink());
		call("chat.update",
				m -> m.chatUpdate(r -> r.channel(location.channelId())
					.ts(location.messageTs())
					.text(ApprovalBlocks.notificationText(card))
					.blocks(ApprovalBlocks.message(card))));
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

	private void withLock(ActionRequestId id, Runnable body) {
		ReentrantLock lock = locks[Math.floorMod(id.hashCode(), locks.length)];
		lock.lock();
		try {
			body.run();
		}
		finally {
			lock.unlock();
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
