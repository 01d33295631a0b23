package dev.watchkeeper.alerts;

import dev.watchkeeper.core.IncidentId;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A group of alerts that share one Slack message: what on-call engineers see as "one
 * thing broken". Read-only snapshot; the {@code alerts} module is the only writer.
 *
 * @param id stable identity, also used in Slack action ids and audit entries
 * @param groupKey the sender's group key (Alertmanager {@code groupKey}) or the group-by
 * label set
 * @param channel Slack channel the incident is routed to; empty when no route and no
 * default channel matched
 * @param alerts every alert of the incident, firing and resolved, one per fingerprint
 * @param flapping true while one of its alerts changes state more often than the flapping
 * threshold allows
 * @param resolvedAt when the last alert resolved; null while open
 * @param groupLabels labels that define the group (Alertmanager {@code groupLabels} or
 * the group-by labels)
 * @param externalUrl the sender's own URL (Alertmanager {@code externalURL}), base of the
 * silence link
 * @param revision increases with every change; Slack renders only newer revisions
 */
public record Incident(IncidentId id, String groupKey, String channel, IncidentStatus status, List<Alert> alerts,
		boolean flapping, Instant openedAt, @Nullable Instant resolvedAt, String source,
		Map<String, String> groupLabels, @Nullable String externalUrl, long revision) {

	public Incident {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(groupKey, "groupKey");
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(openedAt, "openedAt");
		Objects.requireNonNull(source, "source");
		alerts = List.copyOf(alerts);
		groupLabels = Map.copyOf(groupLabels);
	}

	/** The short form other modules construct in tests and previews. */
	public Incident(IncidentId id, String groupKey, String channel, IncidentStatus status, List<Alert> alerts,
			boolean flapping, Instant openedAt, @Nullable Instant resolvedAt) {
		this(id, groupKey, channel, status, alerts, flapping, openedAt, resolvedAt,
				alerts.isEmpty() ? "alertmanager" : alerts.get(0).source(), Map.of(), null, 0);
	}

	public boolean open() {
		return status == IncidentStatus.OPEN;
	}

	public List<Alert> firingAlerts() {
		return alerts.stream().filter(Alert::firing).toList();
	}

	public long firingCount() {
		return alerts.stream().filter(Alert::firing).count();
	}

	public long resolvedCount() {
		return alerts.size() - firingCount();
	}

	/** The worst severity among firing alerts, or among all alerts once resolved. */
	public Severity severity() {
		List<Alert> relevant = open() ? firingAlerts() : alerts;
		return relevant.stream().map(Alert::severity).max(Comparator.naturalOrder()).orElse(Severity.NONE);
	}

	/**
	 * When the earliest alert started (the sender's {@code startsAt}), or when the
	 * incident opened.
	 */
	public Instant startedAt() {
		return alerts.stream().map(Alert::startsAt).min(Comparator.naturalOrder()).orElse(openedAt);
	}

	/** How long it has been (or was) broken, measured from the first alert's start. */
	public Duration duration(Instant now) {
		Instant end = resolvedAt != null ? resolvedAt : now;
		Duration duration = Duration.between(startedAt(), end);
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	public Optional<Alert> alert(String fingerprint) {
		return alerts.stream().filter(a -> a.fingerprint().equals(fingerprint)).findFirst();
	}
}
