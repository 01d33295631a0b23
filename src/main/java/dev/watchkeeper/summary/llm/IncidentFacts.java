package dev.watchkeeper.summary.llm;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.Incident;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an AI summary may be told about an incident: labels, annotations, counts and a
 * time line. Built by the caller from stored alerts; {@link PromptBuilder} redacts and
 * bounds it before it leaves the process.
 */
public record IncidentFacts(String title, String severity, String status, int firing, int resolved,
		Map<String, String> commonLabels, List<AlertFact> alerts, List<TimelineEntry> timeline) {

	public IncidentFacts {
		commonLabels = Map.copyOf(commonLabels);
		alerts = List.copyOf(alerts);
		timeline = List.copyOf(timeline);
	}

	/**
	 * The facts of a stored incident, raw: {@link PromptBuilder} redacts, fences and
	 * bounds them. Alerts are ordered firing first, newest first, so the prompt's size
	 * limit drops the least relevant ones.
	 */
	public static IncidentFacts from(Incident incident, Instant now) {
		List<Alert> ordered = new ArrayList<>(incident.alerts());
		ordered.sort(Comparator.comparing(Alert::firing)
			.reversed()
			.thenComparing(Comparator.comparing(Alert::startsAt).reversed()));
		List<AlertFact> alerts = ordered.stream()
			.map(a -> new AlertFact(a.status().name().toLowerCase(java.util.Locale.ROOT), a.labels(), a.annotations(),
					a.startsAt(), a.endsAt()))
			.toList();
		List<TimelineEntry> timeline = new ArrayList<>();
		timeline.add(new TimelineEntry(incident.openedAt(), "incident opened"));
		incident.alerts()
			.stream()
			.sorted(Comparator.comparing(Alert::startsAt))
			.limit(50)
			.forEach(a -> timeline.add(new TimelineEntry(a.startsAt(), "alert " + a.alertName() + " started firing")));
		incident.alerts()
			.stream()
			.filter(a -> !a.firing() && a.endsAt() != null)
			.sorted(Comparator.comparing(Alert::endsAt))
			.limit(50)
			.forEach(a -> timeline
				.add(new TimelineEntry(Objects.requireNonNull(a.endsAt()), "alert " + a.alertName() + " resolved")));
		if (incident.resolvedAt() != null) {
			timeline.add(new TimelineEntry(incident.resolvedAt(), "incident resolved"));
		}
		timeline.add(new TimelineEntry(now, "summary requested"));
		timeline.sort(Comparator.comparing(TimelineEntry::at));
		return new IncidentFacts(title(incident), incident.severity().displayName(),
				incident.open() ? "open" : "resolved", (int) incident.firingCount(), (int) incident.resolvedCount(),
				common(incident.alerts()), alerts, timeline);
	}

	private static String title(Incident incident) {
		List<Alert> alerts = incident.alerts();
		if (!alerts.isEmpty()) {
			String summary = alerts.get(0).annotation("summary");
			if (!summary.isEmpty() && alerts.stream().allMatch(a -> a.annotation("summary").equals(summary))) {
				return summary;
			}
		}
		return alerts.stream()
			.map(Alert::alertName)
			.filter(n -> !n.isEmpty())
			.distinct()
			.limit(5)
			.reduce((a, b) -> a + ", " + b)
			.orElse(incident.groupKey());
	}

	private static Map<String, String> common(List<Alert> alerts) {
		if (alerts.isEmpty()) {
			return Map.of();
		}
		Map<String, String> common = new HashMap<>(alerts.get(0).labels());
		for (Alert alert : alerts) {
			common.entrySet().removeIf(e -> !e.getValue().equals(alert.labels().get(e.getKey())));
		}
		return common;
	}

	/** One alert of the incident. */
	public record AlertFact(String status, Map<String, String> labels, Map<String, String> annotations,
			Instant startsAt, @Nullable Instant endsAt) {

		public AlertFact {
			labels = Map.copyOf(labels);
			annotations = Map.copyOf(annotations);
		}
	}

	/** Something that happened, e.g. "alert X started firing". */
	public record TimelineEntry(Instant at, String what) {
	}
}
