package dev.watchkeeper.audit;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A reviewer exported part of the audit trail (recorded before the export starts). */
public record AuditExported(UUID eventId, Instant occurredAt, Reviewer reviewer, ExportFormat format,
		AuditQuery query) implements AuditableEvent {

	@Override
	public String actor() {
		return reviewer.id();
	}

	@Override
	public String actorName() {
		return reviewer.name();
	}

	@Override
	public String action() {
		return "audit.exported";
	}

	@Override
	public String subject() {
		return "audit-trail";
	}

	@Override
	public String outcome() {
		return "ok";
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("format", format.extension());
		details.put("via", reviewer.via());
		query.asParameters().forEach((name, value) -> details.put("filter." + name, value));
		return details;
	}
}
