package dev.watchkeeper.slack.approvals;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.watchkeeper.slack.WkSubcommand;
import org.springframework.stereotype.Component;

/** {@code /wk actions}: open action requests and the actions that can be requested. */
@Component
class ActionsSubcommand implements WkSubcommand {

	private final ApprovalMessages messages;

	ActionsSubcommand(ApprovalMessages messages) {
		this.messages = messages;
	}

	@Override
	public String name() {
		return "actions";
	}

	@Override
	public String usage() {
		return "/wk actions";
	}

	@Override
	public String description() {
		return "pending action requests and the actions you can request";
	}

	@Override
	public Response handle(String arguments, SlashCommandRequest request, SlashCommandContext context) {
		// two small indexed queries: well inside the 3-second ack
		return context.ack(ApprovalBlocks.openRequests(messages.openCards(), messages.availableActions()));
	}

}
