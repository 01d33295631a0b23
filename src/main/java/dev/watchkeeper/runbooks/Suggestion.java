package dev.watchkeeper.runbooks;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A runbook suggested for an incident (or found by a search), why, and its steps rendered
 * for one alert.
 *
 * @param reasons what matched, in ranking order, each something the reader can check,
 * e.g. {@code alertname=KubePodCrashLooping}, {@code text: 'connection pool'}
 * @param alertFingerprint the alert whose labels and annotations filled the steps; null
 * for a search
 */
public record Suggestion(RunbookRef runbook, List<String> reasons, List<RenderedStep> steps,
		@Nullable String alertFingerprint) {

	public Suggestion {
		Objects.requireNonNull(runbook, "runbook");
		reasons = List.copyOf(reasons);
		steps = List.copyOf(steps);
	}
}
