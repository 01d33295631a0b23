package dev.watchkeeper.runbooks;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One runbook step ready to show: its Markdown text with alert values filled in, and its
 * action if it has one. Text templates whose value is missing stay visible as written so
 * the reader sees what to fill in; only action parameters make a step "need input",
 * because only they are executed.
 *
 * @param number 1-based position in the runbook's step list
 * @param text Markdown (may contain fenced code blocks); values come from alerts, so
 * escape it for the target
 * @param action the action to offer, or null for a step a person performs
 * @param missingFields alert fields the action needs but the alert lacks, e.g.
 * {@code annotations.lease_id}
 */
public record RenderedStep(int number, String text, @Nullable RenderedAction action, List<String> missingFields) {

	public RenderedStep {
		Objects.requireNonNull(text, "text");
		missingFields = List.copyOf(missingFields);
	}

	/**
	 * True when the action cannot be requested before someone supplies
	 * {@link #missingFields()}.
	 */
	public boolean needsInput() {
		return !missingFields.isEmpty();
	}
}
