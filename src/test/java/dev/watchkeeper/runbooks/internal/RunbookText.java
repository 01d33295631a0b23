package dev.watchkeeper.runbooks.internal;

/** Test fixture: the text of a small valid runbook. */
final class RunbookText {

	private RunbookText() {
	}

	static String of(String id, String alertName) {
		return """
				---
				id: %s
				title: Runbook %s
				owner: sre
				severity: warning
				match:
				  - alertname=%s
				---
				## Steps

				1. Look at it.
				""".formatted(id, id, alertName);
	}

}
