package dev.watchkeeper.runbooks;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The runbook catalog was (re)loaded: at start and whenever the directory changed.
 * Auditable because runbooks decide which actions are offered during an incident.
 *
 * @param dir the directory read
 * @param loaded valid runbooks now in use
 * @param skipped files skipped because of a problem
 * @param skippedFiles the skipped files, for the reviewer to follow up
 */
public record RunbooksReloaded(UUID eventId, Instant occurredAt, String dir, int loaded, int skipped,
		List<String> skippedFiles) implements AuditableEvent {

	public RunbooksReloaded {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(dir, "dir");
		skippedFiles = List.copyOf(skippedFiles);
	}

	@Override
	public String actor() {
		return "system";
	}

	@Override
	public String action() {
		return "runbooks.reloaded";
	}

	@Override
	public String subject() {
		return dir;
	}

	@Override
	public String outcome() {
		return skipped == 0 ? "ok" : "with-problems";
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("loaded", Integer.toString(loaded));
		details.put("skipped", Integer.toString(skipped));
		if (!skippedFiles.isEmpty()) {
			details.put("skippedFiles", String.join(", ", skippedFiles));
		}
		return details;
	}
}
