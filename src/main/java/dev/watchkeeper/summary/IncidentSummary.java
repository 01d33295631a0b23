package dev.watchkeeper.summary;

import dev.watchkeeper.alerts.AlertStatus;
import dev.watchkeeper.alerts.IncidentStatus;
import dev.watchkeeper.alerts.Severity;
import dev.watchkeeper.core.IncidentId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The structured summary of one incident. Every string that came from an alert is already
 * redacted, but not escaped: each renderer escapes for its own medium (Slack mrkdwn,
 * plain text).
 *
 * @param title the common {@code summary} annotation, else the common alert name, else
 * the alert names
 * @param description the common {@code description} annotation (or the only alert's);
 * null when none
 * @param affected affected services and instances, most alerts first, top N each
 * @param commonLabels labels every alert has with the same value
 * @param differingLabels labels whose values differ between alerts, top N values each
 * @param differingLabelsMore how many more differing labels were left out
 * @param duration from the first alert's start until resolution, or until the summary was
 * made
 * @param links source, runbook and silence links (http and https only)
 * @param alerts the most relevant alerts: firing first, most severe first, newest first
 * @param alertsMore how many alerts were left out of {@code alerts}
 */
public record IncidentSummary(IncidentId incidentId, String title, Severity severity, IncidentStatus status,
		boolean flapping, int firing, int resolved, @Nullable String description, List<Affected> affected,
		Map<String, String> commonLabels, List<LabelSpread> differingLabels, int differingLabelsMore, Instant startedAt,
		@Nullable Instant resolvedAt, Duration duration, List<Link> links, List<AlertLine> alerts, int alertsMore) {

	public IncidentSummary {
		affected = List.copyOf(affected);
		commonLabels = Map.copyOf(commonLabels);
		differingLabels = List.copyOf(differingLabels);
		links = List.copyOf(links);
		alerts = List.copyOf(alerts);
	}

	public int total() {
		return firing + resolved;
	}

	public boolean open() {
		return status == IncidentStatus.OPEN;
	}

	/** Values of one label across the alerts (e.g. the affected services). */
	public record Affected(String label, List<String> values, int more) {

		public Affected {
			values = List.copyOf(values);
		}

		public int total() {
			return values.size() + more;
		}
	}

	/** A label whose value differs between alerts, with its most frequent values. */
	public record LabelSpread(String name, List<String> values, int more) {

		public LabelSpread {
			values = List.copyOf(values);
		}
	}

	/**
	 * A link to show, with a short label ({@code Source}, {@code Runbook},
	 * {@code Silence}).
	 */
	public record Link(String label, String url) {
	}

	/**
	 * One alert, condensed.
	 *
	 * @param name the alert name
	 * @param subject what it is about (instance, pod, service...), empty when nothing
	 * tells the alerts apart
	 * @param text its summary or description, shortened; empty when it only repeats the
	 * title
	 * @param url its source link, when it has one of its own
	 */
	public record AlertLine(AlertStatus status, Severity severity, String name, String subject, String text,
			@Nullable String url) {
	}
}
