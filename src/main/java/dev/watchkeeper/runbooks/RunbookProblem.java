package dev.watchkeeper.runbooks;

import java.util.Objects;

/**
 * Why a runbook file was skipped, with the line to look at (1-based). Printed as
 * {@code file:line: message} so editors and CI logs link straight to it.
 */
public record RunbookProblem(String file, int line, String message) {

	public RunbookProblem {
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(message, "message");
		line = Math.max(line, 1);
	}

	@Override
	public String toString() {
		return file + ":" + line + ": " + message;
	}
}
