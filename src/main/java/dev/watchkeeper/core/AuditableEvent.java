package dev.watchkeeper.core;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A fact a security reviewer cares about. Every module event that should appear in the
 * audit trail implements this; the {@code audit} module listens to this one type. Details
 * must already be free of secrets: the audit module redacts again, but identifiers that
 * must not be stored in clear go in {@link #sensitiveIdentifiers()}, which the audit
 * module stores only as HMAC values.
 */
public interface AuditableEvent {

	/**
	 * Unique per fact; the audit append is idempotent on it, so a redelivered event is
	 * recorded once.
	 */
	UUID eventId();

	Instant occurredAt();

	/** Slack user id, or {@code system}. */
	String actor();

	/** Dotted action name, e.g. {@code action.approved}, {@code incident.opened}. */
	String action();

	/** What the action was about: a request id, incident id or share id. */
	String subject();

	/** e.g. {@code ok}, {@code refused}, {@code failed}. */
	String outcome();

	/** Redacted, non-secret context. */
	default Map<String, String> details() {
		return Map.of();
	}

	/** Identifiers such as lease ids or accessors, stored only as HMAC-SHA256. */
	default Map<String, String> sensitiveIdentifiers() {
		return Map.of();
	}

	/** The incident this fact belongs to, when there is one. */
	default String incidentId() {
		return "";
	}

	/** Display name of the actor when known. */
	default String actorName() {
		return "";
	}

}
