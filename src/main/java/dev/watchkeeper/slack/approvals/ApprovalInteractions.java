package dev.watchkeeper.slack.approvals;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.approvals.Click;
import dev.watchkeeper.approvals.Decision;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.slack.SlackListeners;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Approve, Deny and Cancel buttons and the denial dialog. Each handler acks at once
 * and decides afterwards on the UI worker: Slack gives up on an interaction not acked
 * within 3 s. Refusals are answered to the clicking user only; accepted clicks show up as
 * the edited request message.
 */
@Component
class ApprovalInteractions implements SlackListeners {

	private static final Logger log = LoggerFactory.getLogger(ApprovalInteractions.class);

	private final Approvals approvals;

	private final ApprovalMessages messages;

	ApprovalInteractions(Approvals approvals, ApprovalMessages messages) {
		this.approvals = approvals;
		this.messages = messages;
	}

	@Override
	public void register(App app) {
		app.blockAction(ApprovalBlocks.APPROVE, this::onApprove);
		app.blockAction(ApprovalBlocks.DENY, this::onDeny);
		app.blockAction(ApprovalBlocks.CANCEL, this::onCancel);
		app.viewSubmission(ApprovalBlocks.DENY_DIALOG, this::onDenyReason);
	}

	Response onApprove(BlockActionRequest request, ActionContext context) {
		BlockActionPayload payload = request.getPayload();
		messages.submit(() -> {
			Decision decision = decide(payload, "approve", click -> approvals.approve(value(payload), click));
			if (decision instanceof Decision.Accepted accepted && accepted.request().state() == RequestState.PENDING) {
				// a CRITICAL action after its first approval: tell the approver why
				// nothing runs yet
				ActionRequest pending = accepted.request();
				messages.tellClicker(payload.getResponseUrl(), channelOf(payload),
						pending.approvals().get(pending.approvals().size() - 1).approver(),
						":white_check_mark: Approval recorded (" + pending.approvals().size() + " of "
								+ pending.approvalsRequired() + "); a different approver must approve too.");
			}
		});
		return context.ack();
	}

	Response onCancel(BlockActionRequest request, ActionContext context) {
		BlockActionPayload payload = request.getPayload();
		messages.submit(() -> decide(payload, "cancel", click -> approvals.cancel(value(payload), click)));
		return context.ack();
	}

	Response onDeny(BlockActionRequest request, ActionContext context) {
		BlockActionPayload payload = request.getPayload();
		// views.open needs the trigger id within 3 s of the click: the check before it is
		// a few database reads
		messages.submit(() -> {
			Decision decision = decide(payload, "deny", click -> approvals.checkDeny(value(payload), click));
			if (decision instanceof Decision.Accepted accepted) {
				ActionRequest target = accepted.request();
				String metadata = value(payload) + "|" + channelOf(payload);
				messages.openDialog(payload.getTriggerId(), ApprovalBlocks.denyDialog(messages.card(target), metadata));
			}
		});
		return context.ack();
	}

	Response onDenyReason(ViewSubmissionRequest request, ViewSubmissionContext context) {
		ViewSubmissionPayload payload = request.getPayload();
		String reason = reasonOf(payload.getView().getState());
		if (reason.isBlank()) {
			return context.ackWithErrors(Map.of(ApprovalBlocks.REASON_BLOCK, "Give a reason for the denial."));
		}
		if (reason.length() > 500) {
			return context.ackWithErrors(Map.of(ApprovalBlocks.REASON_BLOCK, "At most 500 characters."));
		}
		String[] metadata = String.valueOf(payload.getView().getPrivateMetadata()).split("\\|", 2);
		String ticket = metadata[0];
		String channel = metadata.length > 1 && !metadata[1].isBlank() ? metadata[1] : null;
		String userId = payload.getUser() == null ? null : payload.getUser().getId();
		String viewId = payload.getView().getId();
		messages.submit(() -> {
			SlackUserId user = userOrNull(userId);
			if (user == null || viewId == null) {
				log.warn("denial dialog submitted without a valid user or view id");
				return;
			}
			Decision decision;
			try {
				decision = approvals.deny(ticket, reason, new Click(user, viewId));
			}
			catch (RuntimeException ex) {
				log.error("denial by {} not recorded", user, ex);
				messages.tellClicker(null, channel, user, notRecorded());
				return;
			}
			answer(decision, null, channel, user);
		});
		return context.ack();
	}

	private Decision decide(BlockActionPayload payload, String what, Function<Click, Decision> decision) {
		SlackUserId user = userOrNull(payload.getUser() == null ? null : payload.getUser().getId());
		String actionTs = payload.getActions() == null || payload.getActions().isEmpty() ? null
				: payload.getActions().get(0).getActionTs();
		if (user == null || actionTs == null) {
			log.warn("{} click without a valid user or action_ts ignored", what);
			return new Decision.Rejected("malformed click");
		}
		Decision result;
		try {
			result = decision.apply(new Click(user, actionTs));
		}
		catch (RuntimeException ex) {
			log.error("{} click by {} not recorded", what, user, ex);
			messages.tellClicker(payload.getResponseUrl(), channelOf(payload), user, notRecorded());
			return new Decision.Rejected("not recorded");
		}
		answer(result, payload.getResponseUrl(), channelOf(payload), user);
		return result;
	}

	private void answer(Decision decision, @Nullable String responseUrl, @Nullable String channel, SlackUserId user) {
		if (decision instanceof Decision.Rejected rejected) {
			messages.tellClicker(responseUrl, channel, user,
					":no_entry_sign: Not recorded: " + Mrkdwn.escape(rejected.reason()) + ".");
		}
		else if (decision instanceof Decision.AlreadyRecorded) {
			messages.tellClicker(responseUrl, channel, user, "Your click was already recorded; nothing changed.");
		}
	}

	private static String value(BlockActionPayload payload) {
		return payload.getActions() == null || payload.getActions().isEmpty() ? ""
				: String.valueOf(payload.getActions().get(0).getValue());
	}

	private static @Nullable String channelOf(BlockActionPayload payload) {
		if (payload.getContainer() != null && payload.getContainer().getChannelId() != null) {
			return payload.getContainer().getChannelId();
		}
		return payload.getChannel() == null ? null : payload.getChannel().getId();
	}

	private static String reasonOf(@Nullable ViewState state) {
		if (state == null || state.getValues() == null) {
			return "";
		}
		Map<String, ViewState.Value> block = state.getValues().get(ApprovalBlocks.REASON_BLOCK);
		ViewState.Value value = block == null ? null : block.get(ApprovalBlocks.REASON_INPUT);
		return value == null || value.getValue() == null ? "" : value.getValue().strip();
	}

	private static @Nullable SlackUserId userOrNull(@Nullable String id) {
		try {
			return id == null ? null : new SlackUserId(id);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String notRecorded() {
		return ":x: Your click could not be recorded (Watchkeeper could not write it or its audit entry); nothing"
				+ " changed. Try again in a moment.";
	}

}
