package dev.watchkeeper.slack.incidents;

import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.IncidentOpened;
import dev.watchkeeper.alerts.IncidentResolved;
import dev.watchkeeper.alerts.IncidentUpdated;
import dev.watchkeeper.alerts.Incidents;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.slack.outbox.SlackOutbox;
import dev.watchkeeper.summary.IncidentSummary.AlertLine;
import dev.watchkeeper.summary.Summarizer;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns incident events into outbox entries: every change refreshes the incident's one
 * living message (coalesced, rendered at delivery); new critical alerts, resolution and
 * firing again also get a thread reply, unless the incident is flapping. Events arrive
 * through Spring Modulith's publication registry, so an event committed just before a
 * crash is delivered after the restart; replies are idempotent on the event id.
 * <p>
 * The listeners run right after the intake commits, on the intake's thread, rather than
 * asynchronously: a group's notifications arrive one after another, so its replies
 * ("resolved", then "firing again") are queued in the order they happened. The work is a
 * row or two in the outbox; Slack itself is called later by the outbox worker.
 */
@Component
class IncidentMessages {

	private static final Logger log = LoggerFactory.getLogger(IncidentMessages.class);

	private final SlackOutbox outbox;

	private final Incidents incidents;

	private final Summarizer summarizer;

	IncidentMessages(SlackOutbox outbox, Incidents incidents, Summarizer summarizer) {
		this.outbox = outbox;
		this.incidents = incidents;
		this.summarizer = summarizer;
	}

	static String key(IncidentId id) {
		return IncidentMessageKey.of(id);
	}

	@TransactionalEventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(IncidentOpened event) {
		if (event.channel().isBlank()) {
			log.warn("incident {} matches no route and no default channel is set: not posted to Slack"
					+ " (set WATCHKEEPER_ALERTS_DEFAULT_CHANNEL)", event.incident());
		}
		else {
			outbox.refresh(key(event.incident()), event.channel());
		}
	}

	@TransactionalEventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(IncidentUpdated event) {
		if (event.channel().isBlank()) {
			return; // unrouted: said once, when it opened
		}
		String key = key(event.incident());
		outbox.refresh(key, event.channel());
		if (event.flapping()) {
			return;
		}
		if (event.reopened()) {
			outbox.reply(key, event.channel(), IncidentReplies.reopened(), null, true, event.eventId() + ":reopened");
		}
		if (event.newCriticalCount() > 0) {
			Optional<Incident> incident = incidents.find(event.incident());
			List<AlertLine> lines = incident.map(i -> summarizer.describe(i, event.newCritical())).orElse(List.of());
			outbox.reply(key, event.channel(), IncidentReplies.newCritical(lines, event.newCriticalCount()), null,
					false, event.eventId() + ":critical");
		}
	}

	@TransactionalEventListener
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void on(IncidentResolved event) {
		if (event.channel().isBlank()) {
			return;
		}
		String key = key(event.incident());
		outbox.refresh(key, event.channel());
		if (!event.flapping()) {
			outbox.reply(key, event.channel(), IncidentReplies.resolved(event.duration()), null, false,
					event.eventId() + ":resolved");
		}
	}

}
