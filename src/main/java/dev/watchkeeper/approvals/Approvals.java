package dev.watchkeeper.approvals;

import dev.watchkeeper.actions.Action;
import dev.watchkeeper.actions.ActionParams;
import dev.watchkeeper.actions.ActionPreview;
import dev.watchkeeper.actions.ActionRegistry;
import dev.watchkeeper.actions.ParamValidation;
import dev.watchkeeper.approvals.internal.ActionExecutor;
import dev.watchkeeper.approvals.internal.ActionRequestRepository;
import dev.watchkeeper.approvals.internal.ClickLedger;
import dev.watchkeeper.approvals.internal.RequestEvents;
import dev.watchkeeper.approvals.internal.StripedLocks;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.core.SlackUserId;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval gate's entry point: request an action, decide on it (approve, deny,
 * cancel), look requests up.
 * <p>
 * Every decision is one transaction: record the click (a replay fails here), load the
 * request, check the presented binding hash, apply the state machine and the policies,
 * compare-and-set, publish the event for the audit trail. A refusal is recorded and
 * audited the same way and changes nothing else. Execution starts only after the
 * approving transaction committed.
 */
@Service
public class Approvals {

	private static final Logger log = LoggerFactory.getLogger(Approvals.class);

	private static final int MAX_REASON = 1000;

	private final ActionRegistry registry;

	private final ActionRequestRepository requests;

	private final ClickLedger clicks;

	private final ApproverMembershipPolicy membership;

	private final ActionExecutor executor;

	private final RequestEvents events;

	private final ApprovalsProperties properties;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final StripedLocks locks = new StripedLocks(64);

	Approvals(ActionRegistry registry, ActionRequestRepository requests, ClickLedger clicks,
			ApproverMembershipPolicy membership, ActionExecutor executor, RequestEvents events,
			ApprovalsProperties properties, PlatformTransactionManager transactions, Clock clock) {
		this.registry = registry;
		this.requests = requests;
		this.clicks = clicks;
		this.membership = membership;
		this.executor = executor;
		this.events = events;
		this.properties = properties;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/**
	 * Requests an action. Validates the parameters and asks the action for its preview
	 * first (which may refuse, e.g. "lease not found in Vault"), so nobody is asked to
	 * approve something that cannot work. A LOW tier action is approved by policy and
	 * starts right away.
	 * @param incidentId the incident the request belongs to, if any
	 * @param conversation where the request was made; its approval message is posted
	 * there (null: the configured {@code watchkeeper.approvals.channel})
	 */
	public RequestResult request(String type, Map<String, String> params, SlackUserId requester,
			@Nullable IncidentId incidentId, String reason, @Nullable Conversation conversation) {
		Optional<Action> found = registry.find(type);
		if (found.isEmpty()) {
			return refuse(type, requester, incidentId,
					"unknown action type '" + type + "' (known: " + String.join(", ", registry.types()) + ")");
		}
		Action action = found.get();
		ParamValidation validation = action.schema().validate(params);
		if (validation instanceof ParamValidation.Invalid invalid) {
			return refuse(type, requester, incidentId, invalid.message());
		}
		ActionParams valid = ((ParamValidation.Valid) validation).params();
		String why = cleanReason(reason);
		ActionPreview preview;
		try {
			preview = action.preview(valid);
		}
		catch (RuntimeException ex) {
			log.warn("preview of {} failed: {}", type, events.redact(ex.getMessage(), 300));
			return refuse(type, requester, incidentId,
					"could not preview it: " + events.redact(ex.getMessage(), 300) + "; try again as a new request");
		}
		if (preview instanceof ActionPreview.Refused refused) {
			return refuse(type, requester, incidentId, refused.reason());
		}
		String previewText = events.redact(((ActionPreview.Ready) preview).text(), 10_000);
		ActionRequest created = ActionRequest.create(type, action.tier(), valid, previewText, requester, incidentId,
				why, conversation, clock, properties.ttl());
		ActionRequest stored = tx.execute(status -> {
			requests.insert(created);
			events.requested(created);
			if (created.approveWithoutApprovers(clock) instanceof Transition.Applied applied
					&& requests.compareAndSet(created, applied.next())) {
				events.approvedWithoutApprovers(applied.next());
				return applied.next();
			}
			return created;
		});
		if (stored.state() == RequestState.APPROVED) {
			executor.submit(stored.id());
		}
		return new RequestResult.Created(stored);
	}

	/**
	 * Same, without a conversation: the approval message goes to
	 * {@code watchkeeper.approvals.channel}.
	 */
	public RequestResult request(String type, Map<String, String> params, SlackUserId requester,
			@Nullable IncidentId incidentId, String reason) {
		return request(type, params, requester, incidentId, reason, null);
	}

	/**
	 * An approver's click. {@code ticket} is the button's value ({@link ApprovalTicket});
	 * it must carry the binding hash of the request as stored. Once enough distinct
	 * approvers have approved, the action runs (once).
	 */
	public Decision approve(String ticket, Click click) {
		return decide(ticket, click, "approve", true, request -> request.approve(click.user(), clock));
	}

	/** An approver's denial with a reason. */
	public Decision deny(String ticket, String reason, Click click) {
		return decide(ticket, click, "deny", true, request -> request.deny(click.user(), reason, clock));
	}

	/** The requester withdraws the request. */
	public Decision cancel(String ticket, Click click) {
		return decide(ticket, click, "cancel", false, request -> request.cancel(click.user(), clock));
	}

	/**
	 * Whether {@code click.user()} may deny this request now, asked before showing the
	 * "reason" dialog. A refusal is recorded and audited like any refused click; an
	 * acceptance changes nothing.
	 */
	public Decision checkDeny(String ticket, Click click) {
		Optional<ApprovalTicket> parsed = ApprovalTicket.parse(ticket);
		Optional<ActionRequest> request = parsed.flatMap(t -> requests.find(t.id()));
		if (request.isPresent() && ApprovalBinding.matches(request.get().binding(), parsed.get().binding())
				&& request.get().deny(click.user(), "(reason follows)", clock) instanceof Transition.Applied
				&& membership.refusal(click.user()).isEmpty()) {
			return new Decision.Accepted(request.get());
		}
		return decide(ticket, click, "deny-check", true, r -> r.deny(click.user(), "(reason follows)", clock));
	}

	public Optional<ActionRequest> find(ActionRequestId id) {
		return requests.find(id);
	}

	/** Requests waiting for approval or still running, oldest first. */
	public List<ActionRequest> open() {
		return requests.findInStates(
				EnumSet.of(RequestState.PENDING, RequestState.APPROVED, RequestState.EXECUTING, RequestState.UNKNOWN),
				100);
	}

	private Decision decide(String ticketText, Click click, String kind, boolean approverOnly,
			Function<ActionRequest, Transition> change) {
		Optional<ApprovalTicket> ticket = ApprovalTicket.parse(ticketText);
		String subject = ticket.map(t -> t.id().toString())
			.orElseGet(() -> ApprovalTicket.describeMalformed(ticketText));
		// looked up before the transaction: it may call Slack, and no database connection
		// should wait for that
		Optional<String> notAnApprover = approverOnly ? membership.refusal(click.user()) : Optional.empty();
		Decision decision;
		Lock lock = locks.forKey(subject);
		lock.lock();
		try {
			decision = tx.execute(status -> {
				clicks.record(subject, click, kind, clock.instant());
				return decideRecorded(ticket, subject, click, kind, notAnApprover, change);
			});
		}
		catch (DuplicateKeyException replay) {
			decision = tx.execute(status -> {
				events.refused(subject, click.user(), kind, "already recorded (the same click arrived again)", null);
				return new Decision.AlreadyRecorded(subject);
			});
		}
		finally {
			lock.unlock();
		}
		if (decision instanceof Decision.Accepted accepted && accepted.request().state() == RequestState.APPROVED) {
			executor.submit(accepted.request().id());
		}
		return decision;
	}

	private Decision decideRecorded(Optional<ApprovalTicket> ticket, String subject, Click click, String kind,
			Optional<String> notAnApprover, Function<ActionRequest, Transition> change) {
		if (ticket.isEmpty()) {
			return reject(subject, click, kind, "this button's value is malformed; nothing changed", null);
		}
		Optional<ActionRequest> found = requests.find(ticket.get().id());
		if (found.isEmpty()) {
			return reject(subject, click, kind,
					"unknown request " + ticket.get().id().shortForm() + "; nothing changed", null);
		}
		ActionRequest request = found.get();
		if (!ApprovalBinding.matches(request.binding(), ticket.get().binding())) {
			return reject(subject, click, kind, "this button does not match the stored request (its parameters or"
					+ " preview differ); nothing changed", request.incidentId());
		}
		for (int attempt = 0; attempt < 10; attempt++) {
			Transition transition = change.apply(request);
			if (transition instanceof Transition.Refused refused) {
				return reject(subject, click, kind, refused.reason(), request.incidentId());
			}
			if (notAnApprover.isPresent()) {
				return reject(subject, click, kind, notAnApprover.get(), request.incidentId());
			}
			ActionRequest next = ((Transition.Applied) transition).next();
			if (kind.equals("deny-check")) {
				return new Decision.Accepted(request);
			}
			if (requests.compareAndSet(request, next)) {
				events.decided(request, next, click.user());
				return new Decision.Accepted(next);
			}
			// another replica or thread changed it first: decide again on what is stored
			// now
			request = requests.find(request.id()).orElseThrow();
		}
		throw new IllegalStateException("request " + subject + " kept changing; the click was not recorded");
	}

	private Decision reject(String subject, Click click, String kind, String reason, @Nullable IncidentId incidentId) {
		events.refused(subject, click.user(), kind, reason, incidentId);
		return new Decision.Rejected(reason);
	}

	private RequestResult refuse(String type, SlackUserId requester, @Nullable IncidentId incidentId, String why) {
		String clean = events.redact(why, 1000);
		tx.executeWithoutResult(status -> events.requestRefused(type, requester, incidentId, clean));
		return new RequestResult.Refused(clean);
	}

	private static String cleanReason(@Nullable String reason) {
		String text = reason == null ? "" : reason.replaceAll("\\p{Cntrl}", " ").strip();
		if (text.isEmpty()) {
			return "(no reason given)";
		}
		return text.length() > MAX_REASON ? text.substring(0, MAX_REASON - 1) + "…" : text;
	}

}
