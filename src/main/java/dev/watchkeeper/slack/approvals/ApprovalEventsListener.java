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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps each request's Slack message in step with the request: after every committed
 * change the message is edited in place (posted on the first), and final outcomes are
 * also replied in the incident thread.
 * <p>
 * Plain listeners that register an after-commit hook, not
 * {@code @TransactionalEventListener}: with Spring Modulith's JDBC publication registry
 * every transactional listener marks its publication complete in a new transaction while
 * the committing thread still holds its connection, which exhausted the pool under
 * concurrent clicks. The hook only queues work, so nothing is lost by skipping the
 * registry; the persistent outbox will make the Slack side durable.
 */
@Component
class ApprovalEventsListener {

	private final ApprovalMessages messages;

	ApprovalEventsListener(ApprovalMessages messages) {
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
		finished(event.requestId());
	}

	@EventListener
	void on(ActionCancelled event) {
		finished(event.requestId());
	}

	@EventListener
	void on(ActionExpired event) {
		finished(event.requestId());
	}

	@EventListener
	void on(ActionExecuted event) {
		finished(event.requestId());
	}

	@EventListener
	void on(ActionFailed event) {
		finished(event.requestId());
	}

	@EventListener
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
		afterCommit(() -> messages.submit(() -> messages.show(id)));
	}

	private void finished(UUID requestId) {
		ActionRequestId id = new ActionRequestId(requestId);
		afterCommit(() -> messages.submit(() -> {
			messages.show(id);
			messages.replyInIncidentThread(id);
		}));
	}

	/**
	 * Runs after the publishing transaction commits (never after a rollback), or now when
	 * there is none.
	 */
	private static void afterCommit(Runnable task) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			task.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				task.run();
			}
		});
	}

}
