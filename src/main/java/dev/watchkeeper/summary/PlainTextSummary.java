package dev.watchkeeper.summary;

import dev.watchkeeper.alerts.AlertStatus;
import dev.watchkeeper.summary.IncidentSummary.Affected;
import dev.watchkeeper.summary.IncidentSummary.AlertLine;
import dev.watchkeeper.summary.IncidentSummary.LabelSpread;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders an {@link IncidentSummary} as plain text for terminals and logs (the
 * {@code summarize} command).
 */
public final class PlainTextSummary {

	private PlainTextSummary() {
	}

	public static String render(IncidentSummary summary) {
		StringBuilder out = new StringBuilder();
		out.append('[')
			.append(summary.open() ? "FIRING" : "RESOLVED")
			.append("] ")
			.append(summary.title())
			.append('\n');
		out.append("Severity: ").append(summary.severity().displayName());
		out.append("   Alerts: ")
			.append(summary.firing())
			.append(" firing, ")
			.append(summary.resolved())
			.append(" resolved");
		if (summary.flapping()) {
			out.append("   (flapping)");
		}
		out.append('\n');
		out.append("Started:  ").append(summary.startedAt().truncatedTo(ChronoUnit.SECONDS));
		if (summary.resolvedAt() != null) {
			out.append("   Resolved: ")
				.append(summary.resolvedAt().truncatedTo(ChronoUnit.SECONDS))
				.append(" (after ")
				.append(DurationText.of(summary.duration()))
				.append(')');
		}
		else {
			out.append("   (for ").append(DurationText.of(summary.duration())).append(')');
		}
		out.append('\n');
		if (summary.description() != null) {
			out.append('\n').append(summary.description().strip()).append("\n\n");
		}
		for (Affected affected : summary.affected()) {
			out.append("Affected ")
				.append(affected.label())
				.append(" (")
				.append(affected.total())
				.append("): ")
				.append(String.join(", ", affected.values()));
			if (affected.more() > 0) {
				out.append(" and ").append(affected.more()).append(" more");
			}
			out.append('\n');
		}
		if (!summary.commonLabels().isEmpty()) {
			out.append("Common labels: ")
				.append(summary.commonLabels()
					.entrySet()
					.stream()
					.sorted(java.util.Map.Entry.comparingByKey())
					.map(e -> e.getKey() + "=" + e.getValue())
					.collect(Collectors.joining(", ")))
				.append('\n');
		}
		if (!summary.differingLabels().isEmpty()) {
			out.append("Differing labels:\n");
			for (LabelSpread spread : summary.differingLabels()) {
				out.append("  ").append(spread.name()).append(": ").append(String.join(", ", spread.values()));
				if (spread.more() > 0) {
					out.append(" and ").append(spread.more()).append(" more");
				}
				out.append('\n');
			}
			if (summary.differingLabelsMore() > 0) {
				out.append("  and ").append(summary.differingLabelsMore()).append(" more labels\n");
			}
		}
		out.append("Alerts:\n");
		for (AlertLine line : summary.alerts()) {
			out.append("  ").append(line.status() == AlertStatus.FIRING ? "[firing]   " : "[resolved] ");
			out.append(line.severity().displayName().toUpperCase(Locale.ROOT)).append(' ').append(line.name());
			if (!line.subject().isEmpty()) {
				out.append(" on ").append(line.subject());
			}
			if (!line.text().isEmpty()) {
				out.append(" — ").append(line.text().replace('\n', ' '));
			}
			out.append('\n');
		}
		if (summary.alertsMore() > 0) {
			out.append("  and ").append(summary.alertsMore()).append(" more alerts\n");
		}
		if (!summary.links().isEmpty()) {
			out.append("Links:\n");
			summary.links()
				.forEach(link -> out.append("  ").append(link.label()).append(": ").append(link.url()).append('\n'));
		}
		return out.toString();
	}

}
