package dev.watchkeeper.runbooks;

import java.util.Objects;

/** What a reader needs to know about a suggested runbook before opening it. */
public record RunbookRef(String id, String title, String owner, String severity, String file) {

	public RunbookRef {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(file, "file");
	}
}
