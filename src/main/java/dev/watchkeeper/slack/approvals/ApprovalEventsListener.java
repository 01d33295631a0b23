package dev.watchkeeper.slack.approvals;

import dev.watchkeeper.approvals.ActionApproved;
import dev.watchkeeper.approvals.ActionCancelled;
import dev.watchkeeper.approvals.ActionDenied;
import dev.watchkeeper.approvals.ActionExecuted;
import dev.watchkeeper.approvals.ActionExecutionBlocked;
import dev.watchkeeper.approvals.ActionExecutionStarted;
import dev.watchkeeper.approvals.ActionExpired;
import dev.watchkeeper.approvals.ActionFailed;
import dev.watchkeeper.approvals.ActionOutcomeUnknown;
import dev.watchkeeper.approvals.ActionRequestId;
import dev.watchkeeper.approvals.ActionRequested;
import dev.watchkeeper.approvals.Approvals;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each request's Slack message in step with the request: every change queues the
 * message to be edited in place (posted on the first), and final outcomes also queue a
 * reply in the incident thread, idempotent on the event id.
 * <p>
 * Plain listeners that run inside the publishing transaction, not
 * {@code @TransactionalEventListener}s: the outbox rows commit (or roll back) with the
 * change they show, so nothing is lost between commit and Slack and no publication has to
 * be redelivered. (With Spring Modulith's JDBC publication registry every transactional
 * listener marks its publication complete in a new transaction while the committing
 * thread still holds its connection, which exhausted the pool under concurrent clicks.)
 * Slack itself is called later by the outbox worker, never here.
 */
@Component
class ApprovalEventsListener {

	private final Approvals approvals;

	private final ApprovalMessages messages;

	ApprovalEventsListener(Approvals approvals, ApprovalMessages messages) {
		this.approvals = approvals;
		this.messages = messages;
	}

	@EventListener
	void on(ActionRequested event) {
		show(event.requestId());
	}

	@EventListener
	void on(ActionApproved event) {
		show(event.requestId());
	}

	@EventListener
	void on(ActionExecutionStarted event) {
		show(event.requestId());
	}

	@EventListener
	void on(ActionDenied event) {
		finished(event.requestId(), event.eventId());
	}

	@EventListener
	void on(ActionCancelled event) {
		finished(event.requestId(), event.eventId());
	}

	@EventListener
	void on(ActionExpired event) {
		finished(event.requestId(), event.eventId());
	}

	@EventListener
	void on(ActionExecuted event) {
		finished(event.requestId(), event.eventId());
	}

	@EventListener
	void on(ActionFailed event) {
		finished(event.requestId(), event.eventId());
	}

	@EventListener
	void on(ActionOutcomeUnknown event) {
		finished(event.requestId(), event.eventId());
	}

	/**
	 * Published after the start's transaction rolled back, outside any transaction: the
	 * reply is queued in its own.
	 */
	@EventListener
	void on(ActionExecutionBlocked event) {
		approvals.find(new ActionRequestId(event.requestId()))
			.ifPresent(request -> messages.blocked(request, event.reason(), event.occurredAt()));
	}

	private void show(UUID requestId) {
		// read in the publishing transaction: the change being published is visible
		approvals.find(new ActionRequestId(requestId)).ifPresent(messages::refresh);
	}

	private void finished(UUID requestId, UUID eventId) {
		approvals.find(new ActionRequestId(requestId)).ifPresent(request -> {
			messages.refresh(request);
			messages.replyInIncidentThread(request, eventId);
		});
	}

}
