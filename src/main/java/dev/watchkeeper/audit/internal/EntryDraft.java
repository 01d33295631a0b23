package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditEntryRefused;
import dev.watchkeeper.core.AuditableEvent;
import dev.watchkeeper.redaction.Redactor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An event turned into what the chain stores, before it gets a place in the chain:
 * validated (bounded, well-formed names), details redacted, sensitive identifiers
 * replaced by their HMAC. Built outside the chain lock so the lock is held only for the
 * insert.
 */
record EntryDraft(UUID eventId, Instant occurredAt, String actor, String actorName, String action, String subject,
		String incidentId, String outcome, String detailsJson, String identifiersJson) {

	static final int MAX_DETAIL_VALUE = 2_000;

	static final int MAX_DETAILS_JSON = 60_000;

	static final int MAX_DETAILS = 64;

	private static final Pattern ACTION = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]*(\\.[A-Za-z0-9_\\-]+)*");

	private static final Pattern OUTCOME = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]*");

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

	static EntryDraft of(AuditableEvent event, Redactor redactor, AuditKey key) {
		UUID eventId = required(event.eventId(), "eventId");
		Instant occurredAt = ChainSealing.storable(required(event.occurredAt(), "occurredAt"));
		String action = text(event.action(), "action", 100);
		if (!ACTION.matcher(action).matches()) {
			throw refused(event, "action '" + action + "' must be dotted words such as action.approved");
		}
		String outcome = text(event.outcome(), "outcome", 50);
		if (!OUTCOME.matcher(outcome).matches()) {
			throw refused(event, "outcome '" + outcome + "' must be one word such as ok or refused");
		}
		String actor = text(event.actor(), "actor", 200);
		if (actor.isEmpty()) {
			throw refused(event, "actor is blank: use a Slack user id or 'system'");
		}
		Map<String, String> details = new LinkedHashMap<>();
		Map<String, String> given = event.details() == null ? Map.of() : event.details();
		Map<String, String> sensitive = event.sensitiveIdentifiers() == null ? Map.of() : event.sensitiveIdentifiers();
		if (given.size() > MAX_DETAILS || sensitive.size() > MAX_DETAILS) {
			throw refused(event, "more than " + MAX_DETAILS + " details or identifiers");
		}
		given.forEach((name, value) -> details.put(key(event, name), redacted(redactor, value)));
		Map<String, String> identifiers = new LinkedHashMap<>();
		sensitive
			.forEach((name, value) -> identifiers.put(key(event, name), key.identifier(value == null ? "" : value)));
		String detailsJson = CanonicalJson.object(details);
		if (detailsJson.length() > MAX_DETAILS_JSON) {
			throw refused(event, "details exceed " + MAX_DETAILS_JSON + " characters");
		}
		return new EntryDraft(eventId, occurredAt, actor, text(event.actorName(), "actorName", 200), action,
				text(event.subject(), "subject", 500), text(event.incidentId(), "incidentId", 100), outcome,
				detailsJson, CanonicalJson.object(identifiers));
	}

	private static String redacted(Redactor redactor, @Nullable String value) {
		if (value == null) {
			return "";
		}
		String clean = redactor.redact(value).text();
		// bounded after redaction, so a secret is never cut in half and left partly
		// readable
		return clean.length() <= MAX_DETAIL_VALUE ? clean : clean.substring(0, MAX_DETAIL_VALUE) + "…[truncated]";
	}

	private static String key(AuditableEvent event, @Nullable String name) {
		if (name == null || !KEY.matcher(name).matches()) {
			throw refused(event, "detail name '" + name + "' must be 1-64 characters of letters, digits, _ . -");
		}
		return name;
	}

	private static <T> T required(@Nullable T value, String name) {
		if (value == null) {
			throw new AuditEntryRefused("auditable event has no " + name);
		}
		return value;
	}

	private static String text(@Nullable String value, String name, int max) {
		String text = value == null ? "" : value.strip();
		if (text.length() > max) {
			throw new AuditEntryRefused(name + " is longer than " + max + " characters");
		}
		return text;
	}

	private static AuditEntryRefused refused(AuditableEvent event, String why) {
		return new AuditEntryRefused("cannot audit " + event.getClass().getSimpleName() + ": " + why);
	}
}
