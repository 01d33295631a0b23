package dev.watchkeeper.slack.incidents;

import static dev.watchkeeper.slack.incidents.IncidentText.emoji;
import static dev.watchkeeper.slack.incidents.IncidentText.fit;
import static dev.watchkeeper.slack.incidents.IncidentText.mrkdwn;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.Incidents;
import dev.watchkeeper.slack.WkSubcommand;
import dev.watchkeeper.slack.internal.SlackText;
import dev.watchkeeper.slack.outbox.PostedMessage;
import dev.watchkeeper.slack.outbox.SlackOutbox;
import dev.watchkeeper.summary.DurationText;
import dev.watchkeeper.summary.IncidentSummary;
import dev.watchkeeper.summary.Summarizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code /wk incidents}: the open incidents, most severe first, each linking to its
 * message. Answered from the database.
 */
@Component
class IncidentsCommand implements WkSubcommand {

	static final int LISTED = 15;

	private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");

	private final Incidents incidents;

	private final SlackOutbox outbox;

	private final Summarizer summarizer;

	private final Clock clock;

	IncidentsCommand(Incidents incidents, SlackOutbox outbox, Summarizer summarizer, Clock clock) {
		this.incidents = incidents;
		this.outbox = outbox;
		this.summarizer = summarizer;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "incidents";
	}

	@Override
	public String usage() {
		return "/wk incidents";
	}

	@Override
	public String description() {
		return "list open incidents with links to their messages";
	}

	@Override
	public Response handle(String arguments, SlashCommandRequest request, SlashCommandContext context) {
		return context.ack(render(incidents.open(), clock.instant()));
	}

	String render(List<Incident> open, Instant now) {
		if (open.isEmpty()) {
			return ":white_check_mark: No open incidents.";
		}
		List<Incident> listed = open.subList(0, Math.min(LISTED, open.size()));
		Map<String, PostedMessage> messages = outbox
			.messages(listed.stream().map(i -> IncidentMessages.key(i.id())).toList())
			.stream()
			.collect(Collectors.toMap(PostedMessage::messageKey, Function.identity()));
		StringBuilder text = new StringBuilder("*Open incidents* (").append(open.size()).append(")");
		for (Incident incident : listed) {
			IncidentSummary summary = summarizer.summarize(incident, now);
			String title = mrkdwn(fit(summary.title().replace('\n', ' '), 120));
			PostedMessage message = messages.get(IncidentMessages.key(incident.id()));
			text.append("\n• ").append(emoji(summary.severity(), true)).append(' ');
			if (message != null && message.permalink() != null) {
				text.append('<').append(SlackText.escape(message.permalink())).append('|').append(title).append('>');
			}
			else {
				text.append('*').append(title).append('*');
			}
			text.append(" — ").append(summary.severity().displayName());
			text.append(" · ").append(summary.firing()).append(" firing");
			text.append(" · for ").append(DurationText.of(summary.duration()));
			if (!incident.channel().isBlank()) {
				text.append(" · ").append(channel(incident.channel()));
			}
			if (summary.flapping()) {
				text.append(" · :repeat: flapping");
			}
		}
		if (open.size() > listed.size()) {
			text.append("\n…and ").append(open.size() - listed.size()).append(" more");
		}
		return text.toString();
	}

	private static String channel(String channel) {
		return CHANNEL_ID.matcher(channel).matches() ? "<#" + channel + ">" : "#" + SlackText.escape(channel);
	}

}
