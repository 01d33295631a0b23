package dev.watchkeeper.runbooks;

import dev.watchkeeper.core.LabelMatcher;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One valid runbook as written: front matter, the Markdown body and its steps with their
 * templates unresolved.
 *
 * @param file the file as found under the catalog directory, e.g.
 * {@code runbooks/disk-almost-full.md}
 * @param match label matchers that must all match an alert for this runbook to be
 * suggested by labels; empty means "suggest by text only"
 * @param body the Markdown after the front matter, indexed for full-text search
 */
public record Runbook(String id, String title, String owner, String severity, String file, List<LabelMatcher> match,
		List<String> keywords, String body, List<Step> steps) {

	public Runbook {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(body, "body");
		match = List.copyOf(match);
		keywords = List.copyOf(keywords);
		steps = List.copyOf(steps);
	}

	public RunbookRef ref() {
		return new RunbookRef(id, title, owner, severity, file);
	}

	/**
	 * One item of the {@code ## Steps} list.
	 *
	 * @param number 1-based position in the list
	 * @param text the item's Markdown without its action block; may hold {@code {{
	 * labels.x }}} templates
	 * @param line the file line where the step starts
	 */
	public record Step(int number, String text, @Nullable Action action, int line) {

		public Step {
			Objects.requireNonNull(text, "text");
		}
	}

	/**
	 * The {@code ```action} block of a step.
	 *
	 * @param params parameter templates in the order written, e.g. {@code lease_id -> {{
	 * annotations.lease_id }}}
	 * @param line the file line of the opening fence
	 */
	public record Action(String type, Map<String, String> params, int line) {

		public Action {
			Objects.requireNonNull(type, "type");
			params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
		}
	}
}
