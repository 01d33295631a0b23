package dev.watchkeeper.slack.runbooks;

import dev.watchkeeper.slack.incidents.IncidentMessageKey;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.Incidents;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.approvals.RequestResult;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.runbooks.RenderedAction;
import dev.watchkeeper.runbooks.RenderedStep;
import dev.watchkeeper.runbooks.Runbooks;
import dev.watchkeeper.runbooks.Suggestion;
import dev.watchkeeper.slack.SlackListeners;
import dev.watchkeeper.slack.outbox.PostedMessage;
import dev.watchkeeper.slack.outbox.SlackOutbox;
import java.io.IOException;
import java.util.Optional;
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
 * The "Run" button of a runbook step. Acks at once (Slack gives up after 3 s), then
 * renders the step again from the catalog and the stored alert, and asks
 * {@link Approvals} for the action in the incident's thread: the approval message is the
 * answer. A refusal, or a step that can no longer run, is answered to the clicking user
 * only.
 */
@Component
class RunbookRunInteractions implements SlackListeners, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RunbookRunInteractions.class);

	private final Runbooks runbooks;

	private final Incidents incidents;

	private final Approvals approvals;

	private final SlackOutbox outbox;

	private final Redactor redactor;

	private final ThreadPoolExecutor worker;

	RunbookRunInteractions(Runbooks runbooks, Incidents incidents, Approvals approvals, SlackOutbox outbox,
			Redactor redactor) {
		this.runbooks = runbooks;
		this.incidents = incidents;
		this.approvals = approvals;
		this.outbox = outbox;
		this.redactor = redactor;
		AtomicInteger threads = new AtomicInteger();
		// own small pool, not an Executor bean (one would switch off Boot's
		// applicationTaskExecutor)
		this.worker = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1_000), r -> {
			Thread thread = new Thread(r, "wk-runbook-run-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.worker.allowCoreThreadTimeOut(true);
	}

	@Override
	public void register(App app) {
		app.blockAction(SuggestionBlocks.RUN, this::onRun);
	}

	Response onRun(BlockActionRequest request, ActionContext context) {
		BlockActionPayload payload = request.getPayload();
		String value = payload.getActions() == null || payload.getActions().isEmpty() ? ""
				: String.valueOf(payload.getActions().get(0).getValue());
		String userId = payload.getUser() == null ? null : payload.getUser().getId();
		try {
			worker.execute(() -> {
				String answer;
				try {
					answer = run(value, userId);
				}
				catch (RuntimeException ex) {
					log.error("runbook Run click by {} failed", userId, ex);
					answer = ":x: The request could not be recorded; nothing was requested. Try again in a moment.";
				}
				if (answer != null) {
					tell(context, answer);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			log.error("runbook Run clicks overloaded; a click by {} was dropped", userId);
		}
		return context.ack();
	}

	/**
	 * Requests the clicked step's action; returns what to tell the clicker, or null when
	 * the request says it all.
	 */
	@Nullable String run(String value, @Nullable String userId) {
		Optional<RunValue> parsed = RunValue.parse(value);
		if (parsed.isEmpty()) {
			return ":warning: This button's value is malformed; nothing was requested.";
		}
		SlackUserId requester;
		try {
			requester = new SlackUserId(String.valueOf(userId));
		}
		catch (IllegalArgumentException ex) {
			return ":warning: Slack sent no valid user with this click; nothing was requested.";
		}
		RunValue run = parsed.get();
		Optional<Incident> incident = incidents.find(run.incident());
		if (incident.isEmpty()) {
			return ":warning: Incident " + run.incident() + " is not known any more; nothing was requested.";
		}
		Optional<Alert> alert = incident.get().alert(run.fingerprint());
		if (alert.isEmpty()) {
			return ":warning: The alert this step was filled from is no longer part of the incident; nothing was"
					+ " requested.";
		}
		Optional<RenderedStep> step = runbooks.render(run.runbookId(), alert.get())
			.map(Suggestion::steps)
			.flatMap(steps -> steps.stream().filter(s -> s.number() == run.step()).findFirst());
		if (step.isEmpty() || step.get().action() == null) {
			return ":warning: Runbook `" + RunbookMrkdwn.plain(run.runbookId(), redactor) + "` has no action at step "
					+ run.step() + " any more (it changed since this message); nothing was requested.";
		}
		RenderedAction action = step.get().action();
		if (step.get().needsInput() || !action.complete()) {
			return ":pencil2: This step now needs input; run it by hand: `"
					+ RunbookMrkdwn.plain(SuggestionBlocks.runCommand(action), redactor).replace("`", "'") + "`";
		}
		RequestResult result = approvals.request(action.type(), action.params(), requester, run.incident(),
				"runbook " + run.runbookId() + " step " + run.step(), conversation(incident.get()));
		if (result instanceof RequestResult.Refused refused) {
			return ":no_entry_sign: Not requested: " + RunbookMrkdwn.plain(refused.reason(), redactor);
		}
		ActionRequest created = ((RequestResult.Created) result).request();
		return ":raised_hand: Requested `" + created.actionType() + "` (request `" + created.id().shortForm()
				+ "`); the approval message is in the incident thread.";
	}

	/** The incident's thread, once its message is posted; else its channel. */
	private @Nullable Conversation conversation(Incident incident) {
		try {
			Optional<PostedMessage> message = outbox.message(IncidentMessageKey.of(incident.id()));
			if (message.isPresent()) {
				return Conversation.thread(message.get().channel(), message.get().ts());
			}
			return incident.channel().isBlank() ? null : Conversation.channel(incident.channel());
		}
		catch (IllegalArgumentException ex) {
			return null; // not a channel id Slack would accept: the approvals channel
							// takes it
		}
	}

	private static void tell(ActionContext context, String text) {
		try {
			context
				.respond(ActionResponse.builder().responseType("ephemeral").replaceOriginal(false).text(text).build());
		}
		catch (IOException ex) {
			log.warn("could not answer a runbook Run click: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		worker.shutdownNow();
	}

	/** The parsed button value {@code runbookId|step|incidentId|fingerprint}. */
	record RunValue(String runbookId, int step, IncidentId incident, String fingerprint) {

		static Optional<RunValue> parse(String value) {
			String[] parts = value.split("\\|", -1);
			if (parts.length != 4 || parts[0].isBlank() || parts[3].isBlank()) {
				return Optional.empty();
			}
			try {
				return Optional
					.of(new RunValue(parts[0], Integer.parseInt(parts[1]), IncidentId.parse(parts[2]), parts[3]));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}
	}

}
