package dev.watchkeeper.approvals.internal;

import dev.watchkeeper.actions.Action;
import dev.watchkeeper.actions.ActionOutcome;
import dev.watchkeeper.actions.ActionRegistry;
import dev.watchkeeper.actions.EffectCheck;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.ApprovalsProperties;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.approvals.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles requests a crash (or a lost outcome) left unfinished, on start-up and then
 * periodically. It never runs an action a second time: it asks the action whether its
 * effect is in place.
 * <ul>
 * <li>APPROVED (the start was never committed, so nothing ran): effect already in place →
 * SUCCEEDED without running; approval older than the TTL → EXPIRED; otherwise run it now,
 * through the same compare-and-set as always.</li>
 * <li>EXECUTING for longer than {@code execution-timeout} (presumed abandoned): APPLIED →
 * SUCCEEDED, NOT_APPLIED → FAILED, cannot tell → UNKNOWN.</li>
 * <li>UNKNOWN from the last day: re-verified until it can be settled.</li>
 * </ul>
 */
@Component
public class RequestReconciler {

	/**
	 * An APPROVED request younger than this is left to the executor that is about to run
	 * it.
	 */
	static final Duration APPROVED_GRACE = Duration.ofSeconds(30);

	static final Duration UNKNOWN_RECHECK_WINDOW = Duration.ofDays(1);

	private static final Logger log = LoggerFactory.getLogger(RequestReconciler.class);

	private final ActionRequestRepository requests;

	private final ActionRegistry registry;

	private final ActionExecutor executor;

	private final RequestEvents events;

	private final ApprovalsProperties properties;

	private final TransactionTemplate tx;

	private final Clock clock;

	public RequestReconciler(ActionRequestRepository requests, ActionRegistry registry, ActionExecutor executor,
			RequestEvents events, ApprovalsProperties properties, PlatformTransactionManager transactions,
			Clock clock) {
		this.requests = requests;
		this.registry = registry;
		this.executor = executor;
		this.events = events;
		this.properties = properties;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void reconcileOnStartup() {
		// in its own thread: verification may call outside systems, and serving must not
		// wait for them
		Thread thread = new Thread(() -> reconcile(true), "wk-reconcile-startup");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * @param atStartup settle APPROVED requests of any age (nothing else in this process
	 * is about to run them)
	 */
	public void reconcile(boolean atStartup) {
		Instant now = clock.instant();
		for (ActionRequest request : requests.findInStates(List.of(RequestState.APPROVED), 500)) {
			Instant approvedAt = request.decidedAt() != null ? request.decidedAt() : request.createdAt();
			if (atStartup || !now.isBefore(approvedAt.plus(APPROVED_GRACE))) {
				safely(request, () -> reconcileApproved(request));
			}
		}
		for (ActionRequest request : requests.findInStates(List.of(RequestState.EXECUTING), 500)) {
			Instant startedAt = request.executionStartedAt() != null ? request.executionStartedAt() : now;
			if (!now.isBefore(startedAt.plus(properties.executionTimeout()))) {
				safely(request, () -> reconcileExecuting(request));
			}
		}
		for (ActionRequest request : requests.findInStates(List.of(RequestState.UNKNOWN), 500)) {
			Instant finishedAt = request.finishedAt() != null ? request.finishedAt() : now;
			if (now.isBefore(finishedAt.plus(UNKNOWN_RECHECK_WINDOW))) {
				safely(request, () -> reconcileUnknown(request));
			}
		}
	}

	private void reconcileApproved(ActionRequest request) {
		if (request.expireApproval(clock, properties.ttl()) instanceof Transition.Applied applied) {
			tx.executeWithoutResult(status -> {
				if (requests.compareAndSet(request, applied.next())) {
					events.expired(applied.next());
				}
			});
			return;
		}
		Optional<Action> action = registry.find(request.actionType());
		if (action.isPresent() && executor.verify(action.get(), request) == EffectCheck.APPLIED) {
			executor.settleWithoutRunning(request,
					"its effect was already in place when Watchkeeper recovered;" + " not executed again");
			return;
		}
		// never started (the compare-and-set to EXECUTING did not commit), so this is its
		// first and only run
		executor.run(request.id(), "reconciler");
	}

	private void reconcileExecuting(ActionRequest request) {
		EffectCheck effect = verify(request);
		ActionOutcome outcome = switch (effect) {
			case APPLIED -> ActionOutcome.succeeded("settled after an interruption: its effect is verified in place");
			case NOT_APPLIED -> ActionOutcome.failed("interrupted while executing and its effect is not in place;"
					+ " not run again, request it again if still needed");
			case UNKNOWN -> ActionOutcome.unknown("interrupted while executing and its effect cannot be verified yet;"
					+ " Watchkeeper keeps checking, do not re-run blind");
		};
		executor.settle(request, outcome, "reconciler");
	}

	private void reconcileUnknown(ActionRequest request) {
		EffectCheck effect = verify(request);
		if (effect == EffectCheck.APPLIED) {
			executor.settle(request, ActionOutcome.succeeded("verified later: its effect is in place"), "reconciler");
		}
		else if (effect == EffectCheck.NOT_APPLIED) {
			executor.settle(request, ActionOutcome.failed("verified later: its effect is not in place"), "reconciler");
		}
	}

	private EffectCheck verify(ActionRequest request) {
		return registry.find(request.actionType()).map(a -> executor.verify(a, request)).orElse(EffectCheck.UNKNOWN);
	}

	private void safely(ActionRequest request, Runnable step) {
		try {
			step.run();
		}
		catch (RuntimeException ex) {
			log.error("request {} could not be reconciled: {}", request.id(), events.redact(ex.getMessage(), 300));
		}
	}

}
