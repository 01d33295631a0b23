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
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps each request's Slack message in step with the request: after every committed change the message is edited
 * in place (posted on the first), and final outcomes are also replied in the incident thread.
 */
@Component
class ApprovalEventsListener {

	private final ApprovalMessages messages;

	ApprovalEventsListener(ApprovalMessages messages) {
		this.messages = messages;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ActionRequested event) {
		show(event.requestId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ActionApproved event) {
		show(event.requestId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ActionExecutionStarted event) {
		show(event.requestId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ActionDenied event) {
		finished(event.requestId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ActionCancelled event) {
		finished(event.requestId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ActionExpired event) {
		finished(event.requestId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ActionExecuted event) {
		finished(event.requestId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ActionFailed event) {
		finished(event.requestId());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ActionOutcomeUnknown event) {
		finished(event.requestId());
	}

	@EventListener
	void on(ActionExecutionBlocked event) {
		ActionRequestId id = new ActionRequestId(event.requestId());
		messages.submit(() -> messages.blocked(id, event.reason()));
	}

	private void show(UUID requestId) {
		ActionRequestId id = new ActionRequestId(requestId);
		messages.submit(() -> messages.show(id));
	}

	private void finished(UUID requestId) {
		ActionRequestId id = new ActionRequestId(requestId);
		messages.submit(() -> {
			messages.show(id);
			messages.replyInIncidentThread(id);
		});
	}
}
