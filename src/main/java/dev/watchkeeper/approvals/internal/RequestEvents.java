package dev.watchkeeper.approvals.internal;

import dev.watchkeeper.actions.Action;
import dev.watchkeeper.actions.ActionRegistry;
import dev.watchkeeper.approvals.ActionApproved;
import dev.watchkeeper.approvals.ActionCancelled;
import dev.watchkeeper.approvals.ActionDenied;
import dev.watchkeeper.approvals.ActionExecuted;
import dev.watchkeeper.approvals.ActionExecutionStarted;
import dev.watchkeeper.approvals.ActionExpired;
import dev.watchkeeper.approvals.ActionFailed;
import dev.watchkeeper.approvals.ActionOutcomeUnknown;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.ActionRequestRefused;
import dev.watchkeeper.approvals.ActionRequested;
import dev.watchkeeper.approvals.ApprovalRefused;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.core.AuditableEvent;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.redaction.Redactor;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Builds and publishes the module's events. Callers publish inside the transaction that
 * makes the state change, so the audit module's synchronous listener writes its entry in
 * that same transaction (and a failed entry undoes the change). Identifier parameters
 * travel separately so the audit trail can store them as HMACs only.
 */
@Component
public class RequestEvents {

	private final ApplicationEventPublisher publisher;

	private final ActionRegistry registry;

	private final Redactor redactor;

	private final Clock clock;

	public RequestEvents(ApplicationEventPublisher publisher, ActionRegistry registry,
			ObjectProvider<Redactor> redactor, Clock clock) {
		this.publisher = publisher;
		this.registry = registry;
		this.redactor = redactor.getIfAvailable(Redactor::standard);
		this.clock = clock;
	}

	/** Redacts text that leaves the process (errors, summaries) and bounds its length. */
	public String redact(@Nullable String text, int maxLength) {
		String clean = text == null ? "" : redactor.redact(text).text();
		return clean.length() > maxLength ? clean.substring(0, maxLength - 1) + "…" : clean;
	}

	public void requested(ActionRequest request) {
		publish(new ActionRequested(UUID.randomUUID(), clock.instant(), request.id().value(), request.actionType(),
				request.tier(), request.requester().value(), incident(request.incidentId()),
				redact(request.reason(), 2000), plainParams(request), identifiers(request), request.expiresAt(),
				request.binding()));
	}

	public void requestRefused(String actionType, SlackUserId requester, @Nullable IncidentId incidentId, String why) {
		publish(new ActionRequestRefused(UUID.randomUUID(), clock.instant(), redact(actionType, 100), requester.value(),
				incident(incidentId), redact(why, 1000)));
	}

	/** The change from {@code before} to {@code after} caused by a person's click. */
	public void decided(ActionRequest before, ActionRequest after, SlackUserId by) {
		UUID id = after.id().value();
		switch (after.state()) {
			case PENDING,
					APPROVED ->
				publish(new ActionApproved(UUID.randomUUID(), clock.instant(), id, after.actionType(), by.value(),
						after.approvals().size(), after.approvalsRequired(), incident(after.incidentId()),
						identifiers(after)));
			case DENIED -> publish(new ActionDenied(UUID.randomUUID(), clock.instant(), id, after.actionType(),
					by.value(), redact(after.note(), 500), incident(after.incidentId()), identifiers(after)));
			case CANCELLED -> publish(new ActionCancelled(UUID.randomUUID(), clock.instant(), id, after.actionType(),
					by.value(), incident(after.incidentId()), identifiers(after)));
			default -> throw new IllegalStateException(
					"a click cannot move a request from " + before.state() + " to " + after.state());
		}
	}

	/** LOW tier: approved by policy. */
	public void approvedWithoutApprovers(ActionRequest after) {
		publish(new ActionApproved(UUID.randomUUID(), clock.instant(), after.id().value(), after.actionType(), "system",
				0, 0, incident(after.incidentId()), identifiers(after)));
	}

	public void expired(ActionRequest after) {
		publish(new ActionExpired(UUID.randomUUID(), clock.instant(), after.id().value(), after.actionType(),
				after.approvals().size(), after.approvalsRequired(), after.note() == null ? "" : after.note(),
				incident(after.incidentId()), identifiers(after)));
	}

	public void executionStarted(ActionRequest after, String startedBy) {
		publish(new ActionExecutionStarted(UUID.randomUUID(), clock.instant(), after.id().value(), after.actionType(),
				after.approverIds(), after.binding(), startedBy, incident(after.incidentId()), identifiers(after)));
	}

	/** SUCCEEDED, FAILED or UNKNOWN, as {@code after} says. */
	public void settled(ActionRequest after, String settledBy) {
		UUID id = after.id().value();
		String text = after.outcome() == null ? "" : after.outcome();
		AuditableEvent event = switch (after.state()) {
			case SUCCEEDED -> new ActionExecuted(UUID.randomUUID(), clock.instant(), id, after.actionType(), text,
					settledBy, incident(after.incidentId()), identifiers(after));
			case FAILED -> new ActionFailed(UUID.randomUUID(), clock.instant(), id, after.actionType(), text, settledBy,
					incident(after.incidentId()), identifiers(after));
			case UNKNOWN -> new ActionOutcomeUnknown(UUID.randomUUID(), clock.instant(), id, after.actionType(), text,
					settledBy, incident(after.incidentId()), identifiers(after));
			default -> throw new IllegalStateException("not a settled state: " + after.state());
		};
		publish(event);
	}

	public void refused(String subject, SlackUserId user, String attempted, String reason,
			@Nullable IncidentId incidentId) {
		publish(new ApprovalRefused(UUID.randomUUID(), clock.instant(), subject, user.value(), attempted,
				redact(reason, 500), incident(incidentId)));
	}

	public static boolean isSettled(RequestState state) {
		return state == RequestState.SUCCEEDED || state == RequestState.FAILED || state == RequestState.UNKNOWN;
	}

	private void publish(Object event) {
		publisher.publishEvent(event);
	}

	/**
	 * Identifier parameters; all parameters when the action is no longer installed (safer
	 * to hash than to show).
	 */
	private Map<String, String> identifiers(ActionRequest request) {
		Optional<Action> action = registry.find(request.actionType());
		return action.map(a -> a.schema().identifiers(request.params())).orElseGet(() -> request.params().values());
	}

	private Map<String, String> plainParams(ActionRequest request) {
		Optional<Action> action = registry.find(request.actionType());
		Map<String, String> plain = action.map(a -> a.schema().plainValues(request.params())).orElseGet(Map::of);
		Map<String, String> redacted = new TreeMap<>();
		plain.forEach((k, v) -> redacted.put(k, redact(v, 500)));
		return redacted;
	}

	private static String incident(@Nullable IncidentId incidentId) {
		return incidentId == null ? "" : incidentId.toString();
	}

}
