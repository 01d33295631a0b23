package dev.watchkeeper.redaction;

import java.util.List;

/** Redacted text and what was replaced. */
public record Redacted(String text, List<Finding> findings) {

	public Redacted {
		findings = List.copyOf(findings);
	}

	public boolean changed() {
		return !findings.isEmpty();
	}
}
