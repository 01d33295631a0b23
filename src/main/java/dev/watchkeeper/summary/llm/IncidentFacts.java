package dev.watchkeeper.summary.llm;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an AI summary may be told about an incident: labels, annotations, counts and a time line. Built by the caller
 * from stored alerts; {@link PromptBuilder} redacts and bounds it before it leaves the process.
 */
public record IncidentFacts(String title, String severity, String status, int firing, int resolved,
		Map<String, String> commonLabels, List<AlertFact> alerts, List<TimelineEntry> timeline) {

	public IncidentFacts {
		commonLabels = Map.copyOf(commonLabels);
		alerts = List.copyOf(alerts);
		timeline = List.copyOf(timeline);
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
