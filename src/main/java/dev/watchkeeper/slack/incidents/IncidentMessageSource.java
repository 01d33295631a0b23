package dev.watchkeeper.slack.incidents;

import dev.watchkeeper.alerts.Incidents;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.slack.outbox.LivingMessageSource;
import dev.watchkeeper.slack.outbox.SlackMessage;
import dev.watchkeeper.summary.Summarizer;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Renders an incident's living message from its current state, when the outbox delivers
 * it.
 */
@Component
class IncidentMessageSource implements LivingMessageSource {

	static final String PREFIX = IncidentMessageKey.PREFIX;

	private final Incidents incidents;

	private final Summarizer summarizer;

	private final Clock clock;

	IncidentMessageSource(Incidents incidents, Summarizer summarizer, Clock clock) {
		this.incidents = incidents;
		this.summarizer = summarizer;
		this.clock = clock;
	}

	@Override
	public boolean handles(String messageKey) {
		return messageKey.startsWith(PREFIX);
	}

	@Override
	public Optional<SlackMessage> render(String messageKey) {
		IncidentId id = IncidentId.parse(messageKey.substring(PREFIX.length()));
		return incidents.find(id)
			.map(incident -> IncidentBlocks.render(summarizer.summarize(incident, clock.instant())));
	}

}
