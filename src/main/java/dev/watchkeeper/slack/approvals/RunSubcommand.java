package dev.watchkeeper.slack.approvals;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.watchkeeper.actions.ActionRegistry;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.approvals.RequestResult;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.slack.WkSubcommand;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code /wk run <action> name=value … -- reason}: requests any registered action. Syntax
 * and the action name are checked before the ack; the preview (which may call outside
 * systems) runs after it, and the result comes back through the command's
 * {@code response_url}. The approval message itself is posted in the channel.
 */
@Component
class RunSubcommand implements WkSubcommand {

	private static final Logger log = LoggerFactory.getLogger(RunSubcommand.class);

	private final Approvals approvals;

	private final ActionRegistry registry;

	private final ApprovalMessages messages;

	RunSubcommand(Approvals approvals, ActionRegistry registry, ApprovalMessages messages) {
		this.approvals = approvals;
		this.registry = registry;
		this.messages = messages;
	}

	@Override
	public String name() {
		return "run";
	}

	@Override
	public String usage() {
		return "/wk run <action> name=value … [-- reason]";
	}

	@Override
	public String description() {
		return "request an action; it runs once approved (see /wk actions)";
	}

	@Override
	public Response handle(String arguments, SlashCommandRequest request, SlashCommandContext context) {
		RunArguments run = RunArguments.parse(arguments);
		if (!registry.isKnown(run.type())) {
			return context.ack(":warning: Unknown action `" + Mrkdwn.escape(run.type()) + "`. Available: "
					+ String.join(", ", registry.types().stream().map(t -> "`" + t + "`").toList()));
		}
		SlashCommandPayload payload = request.getPayload();
		SlackUserId requester = new SlackUserId(payload.getUserId());
		Conversation conversation = conversationOf(payload.getChannelId());
		String responseUrl = payload.getResponseUrl();
		messages.submit(() -> {
			String answer;
			try {
				answer = answer(
						approvals.request(run.type(), run.params(), requester, null, run.reason(), conversation));
			}
			catch (RuntimeException ex) {
				log.error("/wk run {} by {} failed", run.type(), requester, ex);
				answer = ":x: The request could not be recorded; nothing was requested. Try again in a moment.";
			}
			if (responseUrl != null) {
				messages.respondToCommand(responseUrl, answer);
			}
		});
		return context.ack(":hourglass_flowing_sand: Preparing a request for `" + run.type() + "`…");
	}

	private static String answer(RequestResult result) {
		if (result instanceof RequestResult.Refused refused) {
			return ":no_entry_sign: Not requested: " + Mrkdwn.escape(refused.reason());
		}
		ActionRequest request = ((RequestResult.Created) result).request();
		if (request.state() != RequestState.PENDING) {
			return ":gear: `" + request.actionType() + "` (LOW tier) needs no approval and is running; request `"
					+ request.id().shortForm() + "`.";
		}
		return ":raised_hand: Requested `" + request.actionType() + "` (request `" + request.id().shortForm()
				+ "`): it needs " + (request.approvalsRequired() == 1 ? "one approver" : "two distinct approvers")
				+ " other than you, and expires if nobody decides in time.";
	}

	/**
	 * The channel to post the approval message in; none for a direct message, where no
	 * approver would see it.
	 */
	private static @Nullable Conversation conversationOf(@Nullable String channelId) {
		if (channelId == null || channelId.startsWith("D")) {
			return null;
		}
		try {
			return Conversation.channel(channelId);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
