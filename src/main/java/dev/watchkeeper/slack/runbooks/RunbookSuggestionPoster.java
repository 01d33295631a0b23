package dev.watchkeeper.slack.runbooks;

import dev.watchkeeper.slack.incidents.IncidentMessageKey;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.IncidentOpened;
import dev.watchkeeper.alerts.Incidents;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.runbooks.Runbooks;
import dev.watchkeeper.runbooks.Suggestion;
import dev.watchkeeper.slack.outbox.SlackOutbox;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Posts the suggested runbooks as one reply in the thread of a newly opened incident,
 * through the outbox (so it follows the incident message). Once per incident: the dedupe
 * key is the incident id, so a redelivered event, an update or a reopening never posts
 * the list again; the thread already has it.
 */
@Component
class RunbookSuggestionPoster {

	/** The incident message's outbox key, as {@code slack.incidents} names it. */

	private static final Logger log = LoggerFactory.getLogger(RunbookSuggestionPoster.class);

	private final SlackOutbox outbox;

	private final Incidents incidents;

	private final Runbooks runbooks;

	private final Redactor redactor;

	RunbookSuggestionPoster(SlackOutbox outbox, Incidents incidents, Runbooks runbooks, Redactor redactor) {
		this.outbox = outbox;
		this.incidents = incidents;
		this.runbooks = runbooks;
		this.redactor = redactor;
	}

	@TransactionalEventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(IncidentOpened event) {
		if (event.channel().isBlank()) {
			return; // unrouted: slack.incidents already says so
		}
		Optional<Incident> incident = incidents.find(event.incident());
		if (incident.isEmpty()) {
			return;
		}
		List<Suggestion> suggestions;
		try {
			suggestions = runbooks.suggestFor(incident.get().alerts());
		}
		catch (RuntimeException ex) {
			// suggestions are a help, not the incident: never hold the event back for
			// them
			log.warn("no runbook suggestions for incident {}: {}", event.incident(), ex.toString());
			return;
		}
		if (suggestions.isEmpty()) {
			return;
		}
		SuggestionBlocks.Reply reply = SuggestionBlocks.reply(suggestions, event.incident(), redactor);
		String key = IncidentMessageKey.of(event.incident());
		// listeners of one event run in no set order: queue the incident message first
		// (coalesced with slack.incidents'
		// own refresh) so the reply never reaches the outbox ahead of the message it
		// belongs under
		outbox.refresh(key, event.channel());
		outbox.reply(key, event.channel(), reply.text(), reply.blocksJson(), false, "runbooks:" + event.incident());
	}

}
