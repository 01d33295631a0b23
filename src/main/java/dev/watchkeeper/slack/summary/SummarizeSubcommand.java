package dev.watchkeeper.slack.summary;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.slack.WkSubcommand;
import dev.watchkeeper.summary.llm.AiSummary.SkipReason;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code /wk summarize [incident-id]}: an AI summary of the incident, posted in its
 * thread. Slack does not tell a slash command which thread it was typed in, so without an
 * id it takes the newest open incident of the channel.
 */
@Component
class SummarizeSubcommand implements WkSubcommand {

	private final AiSummaryReplies replies;

	SummarizeSubcommand(AiSummaryReplies replies) {
		this.replies = replies;
	}

	@Override
	public String name() {
		return "summarize";
	}

	@Override
	public String usage() {
		return "/wk summarize [incident-id]";
	}

	@Override
	public String description() {
		return "post an AI summary (beside the facts, never instead) in the incident's thread";
	}

	@Override
	public Response handle(String arguments, SlashCommandRequest request, SlashCommandContext context) {
		if (!replies.enabled()) {
			return context.ack(AiSummaryMessages.skipped(SkipReason.DISABLED));
		}
		String channel = request.getPayload().getChannelId();
		Optional<Incident> incident;
		if (arguments.isBlank()) {
			incident = replies.newestOpenIn(channel == null ? "" : channel);
			if (incident.isEmpty()) {
				return context.ack(":information_source: No open incident is routed to this channel. Use"
						+ " `/wk summarize <incident-id>` (ids are in `/wk incidents`).");
			}
		}
		else {
			IncidentId id;
			try {
				id = IncidentId.parse(arguments.strip());
			}
			catch (IllegalArgumentException ex) {
				return context.ack(":x: That is not an incident id. Usage: `" + usage() + "`");
			}
			incident = replies.find(id);
			if (incident.isEmpty()) {
				return context.ack(":x: No incident with that id.");
			}
		}
		if (incident.get().channel().isBlank()) {
			return context
				.ack(":information_source: That incident has no Slack channel, so there is no thread to" + " post in.");
		}
		// ack now: a model answer takes seconds and Slack gives up after 3
		if (!replies.requestFor(incident.get(), request.getPayload().getResponseUrl())) {
			return context.ack(":hourglass: Too many AI summaries are being made right now; try again in a minute.");
		}
		return context.ack(AiSummaryMessages.working());
	}

}
