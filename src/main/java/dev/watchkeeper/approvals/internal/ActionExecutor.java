package dev.watchkeeper.approvals.internal;

import dev.watchkeeper.actions.Action;
import dev.watchkeeper.actions.ActionOutcome;
import dev.watchkeeper.actions.ActionParams;
import dev.watchkeeper.actions.ActionRegistry;
import dev.watchkeeper.actions.EffectCheck;
import dev.watchkeeper.actions.ExecutionPermit;
import dev.watchkeeper.actions.ParamValidation;
import dev.watchkeeper.approvals.ActionExecutionBlocked;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.ActionRequestId;
import dev.watchkeeper.approvals.ApprovalBinding;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.approvals.Transition;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs approved requests, each at most once.
 * <ol>
 * <li>APPROVED → EXECUTING by compare-and-set, with its audit event, in one transaction.
 * Whoever loses the compare-and-set (a second replica, a double click, the reconciler)
 * does nothing. If the audit entry cannot be written the transaction rolls back and
 * nothing runs.</li>
 * <li>Only after that commit: re-read the request, check it is still EXECUTING with the
 * approved binding, issue the {@link ExecutionPermit} (only this package can) and call
 * {@link Action#execute}.</li>
 * <li>EXECUTING → SUCCEEDED | FAILED | UNKNOWN with its audit event. An exception from
 * the action is not taken as failure: the action is asked whether its effect is in
 * place.</li>
 * </ol>
 */
@Component
public class ActionExecutor implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ActionExecutor.class);

	private final ActionRequestRepository requests;

	private final ActionRegistry registry;

	private final RequestEvents events;

	private final ApplicationEventPublisher publisher;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final ThreadPoolExecutor pool;

	public ActionExecutor(ActionRequestRepository requests, ActionRegistry registry, RequestEvents events,
			ApplicationEventPublisher publisher, PlatformTransactionManager transactions, Clock clock) {
		this.requests = requests;
		this.registry = registry;
		this.events = events;
		this.publisher = publisher;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		// a private pool, not an Executor bean: declaring one would switch off Boot's
		// applicationTaskExecutor;
		// when the queue is full the submitting thread runs the action itself rather than
		// dropping it
		this.pool = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000), r -> {
			Thread thread = new Thread(r, "wk-action-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}, new ThreadPoolExecutor.CallerRunsPolicy());
		this.pool.allowCoreThreadTimeOut(true);
	}

	/** Runs the request in the background if it is still APPROVED when its turn comes. */
	public void submit(ActionRequestId id) {
		pool.execute(() -> {
			try {
				run(id, "executor");
			}
			catch (RuntimeException ex) {
				log.error("request {}: execution step failed: {}", id, events.redact(ex.toString(), 500));
			}
		});
	}

	/**
	 * Runs an APPROVED request now, in this thread; does nothing if it is no longer
	 * APPROVED.
	 */
	public void run(ActionRequestId id, String startedBy) {
		Optional<ActionRequest> loaded = requests.find(id);
		if (loaded.isEmpty() || loaded.get().state() != RequestState.APPROVED) {
			return;
		}
		ActionRequest approved = loaded.get();
		ActionRequest executing;
		try {
			executing = tx.execute(status -> start(approved, startedBy));
		}
		catch (RuntimeException ex) {
			String reason = "its start could not be committed with an audit entry ("
					+ events.redact(ex.getMessage(), 300) + ")";
			log.error("request {} not executed: {}", id, reason);
			publisher.publishEvent(new ActionExecutionBlocked(id.value(), clock.instant(), reason));
			return;
		}
		if (executing == null) {
			return;
		}
		Optional<Action> action = registry.find(executing.actionType());
		if (action.isEmpty()) {
			settle(executing, ActionOutcome
				.failed("action type " + executing.actionType() + " is not installed in this Watchkeeper; nothing ran"),
					startedBy);
			return;
		}
		// the design's second lock: re-check the stored request before acting, then act
		// on what is stored
		ActionRequest stored = requests.find(id).orElse(null);
		String problem = storedProblem(executing, stored);
		if (problem != null || stored == null) {
			log.error("request {} not executed: {}", id, problem);
			settle(executing, ActionOutcome.failed(problem + "; nothing ran"), startedBy);
			return;
		}
		ParamValidation validation = action.get().schema().validate(stored.params().values());
		if (validation instanceof ParamValidation.Invalid invalid) {
			settle(stored,
					ActionOutcome.failed("parameters are no longer valid: " + invalid.message() + "; nothing ran"),
					startedBy);
			return;
		}
		ActionParams params = ((ParamValidation.Valid) validation).params();
		ExecutionPermit permit = ExecutionPermit.issue(id.value(), stored.actionType(), params, stored.binding(),
				stored.approverIds(), stored.decidedAt() != null ? stored.decidedAt() : clock.instant());
		settle(stored, execute(action.get(), params, permit), "executor");
	}

	/**
	 * Settles an APPROVED request whose effect is already in place without running it
	 * (found by the reconciler): recorded as started and succeeded, so the audit trail
	 * shows the full path.
	 */
	public void settleWithoutRunning(ActionRequest approved, String summary) {
		tx.executeWithoutResult(status -> {
			ActionRequest executing = start(approved, "reconciler");
			if (executing != null) {
				Transition done = executing.succeed(events.redact(summary, 2000), clock);
				if (done instanceof Transition.Applied applied && requests.compareAndSet(executing, applied.next())) {
					events.settled(applied.next(), "reconciler");
				}
			}
		});
	}

	/**
	 * Records the outcome of an EXECUTING (or UNKNOWN) request, unless someone settled it
	 * meanwhile. If the audit entry cannot be written the request stays as it was, and
	 * the reconciler settles it later by verification.
	 */
	public void settle(ActionRequest current, ActionOutcome outcome, String settledBy) {
		try {
			for (int attempt = 0; attempt < 5; attempt++) {
				Boolean done = tx.execute(status -> settleOnce(current.id(), outcome, settledBy));
				if (Boolean.TRUE.equals(done)) {
					return;
				}
			}
			log.warn("request {}: outcome not recorded after 5 attempts (concurrent changes)", current.id());
		}
		catch (RuntimeException ex) {
			log.error("request {}: the action ran but its outcome could not be recorded ({}); the reconciler will"
					+ " settle it by verification", current.id(), events.redact(ex.getMessage(), 300));
		}
	}

	/**
	 * Asks the action whether its effect is in place; an exception counts as "cannot
	 * tell".
	 */
	public EffectCheck verify(Action action, ActionRequest request) {
		try {
			EffectCheck check = action.verify(request.params(), request.id().value());
			return check == null ? EffectCheck.UNKNOWN : check;
		}
		catch (RuntimeException ex) {
			log.warn("request {}: verifying {} failed: {}", request.id(), request.actionType(),
					events.redact(ex.getMessage(), 300));
			return EffectCheck.UNKNOWN;
		}
	}

	private @Nullable ActionRequest start(ActionRequest approved, String startedBy) {
		Transition transition = approved.startExecution(clock);
		if (!(transition instanceof Transition.Applied applied)) {
			return null;
		}
		if (!requests.compareAndSet(approved, applied.next())) {
			return null;
		}
		events.executionStarted(applied.next(), startedBy);
		return applied.next();
	}

	private ActionOutcome execute(Action action, ActionParams params, ExecutionPermit permit) {
		try {
			ActionOutcome outcome = action.execute(params, permit);
			return outcome != null ? outcome : ActionOutcome.unknown("the action returned no outcome");
		}
		catch (Exception ex) {
			String error = events.redact(ex.getClass().getSimpleName() + ": " + ex.getMessage(), 1000);
			log.warn("request {}: {} threw {}", permit.requestId(), action.type(), error);
			ActionRequest stored = requests.find(new ActionRequestId(permit.requestId())).orElseThrow();
			return switch (verify(action, stored)) {
				case APPLIED -> ActionOutcome.succeeded(
						"the action reported an error, but its effect is verified in" + " place (" + error + ")");
				case NOT_APPLIED -> ActionOutcome.failed(error);
				case UNKNOWN -> ActionOutcome.unknown("the action reported an error and its effect could not be"
						+ " verified (" + error + "); Watchkeeper keeps checking, do not re-run blind");
			};
		}
	}

	private Boolean settleOnce(ActionRequestId id, ActionOutcome outcome, String settledBy) {
		ActionRequest current = requests.find(id).orElseThrow();
		if (current.state() != RequestState.EXECUTING && current.state() != RequestState.UNKNOWN) {
			log.info("request {} already settled as {}", id, current.state());
			return true;
		}
		Transition transition;
		if (outcome instanceof ActionOutcome.Succeeded succeeded) {
			transition = current.succeed(events.redact(succeeded.summary(), 2000), clock);
		}
		else if (outcome instanceof ActionOutcome.Failed failed) {
			transition = current.fail(events.redact(failed.error(), 2000), clock);
		}
		else if (current.state() == RequestState.UNKNOWN) {
			return true; // still unknown: nothing new to record
		}
		else {
			transition = current.outcomeUnknown(events.redact(((ActionOutcome.Unknown) outcome).why(), 2000), clock);
		}
		if (!(transition instanceof Transition.Applied applied)) {
			log.warn("request {}: cannot settle: {}", id, ((Transition.Refused) transition).reason());
			return true;
		}
		if (!requests.compareAndSet(current, applied.next())) {
			return false;
		}
		events.settled(applied.next(), settledBy);
		return true;
	}

	private static @Nullable String storedProblem(ActionRequest executing, @Nullable ActionRequest stored) {
		if (stored == null) {
			return "the request disappeared from the database";
		}
		if (stored.state() != RequestState.EXECUTING || stored.version() != executing.version()) {
			return "the request changed after it started (now " + stored.state() + ")";
		}
		String recomputed = ApprovalBinding.of(stored.actionType(), stored.params(), stored.preview());
		if (!ApprovalBinding.matches(stored.binding(), recomputed)
				|| !ApprovalBinding.matches(executing.binding(), stored.binding())) {
			return "the stored parameters no longer match what was approved";
		}
		return null;
	}

	@Override
	public void destroy() throws InterruptedException {
		pool.shutdown();
		// let running actions finish and record their outcome; the reconciler settles
		// anything cut short
		if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
			log.warn("stopping with actions still running; the reconciler will settle them on the next start");
		}
	}

}
