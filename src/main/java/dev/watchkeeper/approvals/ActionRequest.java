package dev.watchkeeper.approvals;

import dev.watchkeeper.actions.ActionParams;
import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.core.SlackUserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request to run one action with fixed parameters, and everything that happened to it.
 * Immutable: each transition method checks that the change is legal and returns the
 * changed request, which the repository stores by compare-and-set on
 * {@code (state, version)}. Time always comes from the caller's {@link Clock}.
 *
 * @param binding SHA-256 over type, parameters and preview ({@link ApprovalBinding});
 * approvals bind to it
 * @param conversation where it was requested; null when made by code without a channel
 * @param approvals distinct approvers so far, in order
 * @param decidedAt when it became APPROVED, DENIED, CANCELLED or EXPIRED
 * @param closedBy who denied or cancelled it
 * @param note the denial reason, or why it expired
 * @param outcome the execution's summary, error or "why unknown" (already redacted)
 * @param version incremented by every stored change; the compare-and-set guard
 */
public record ActionRequest(ActionRequestId id, String actionType, RiskTier tier, ActionParams params, String preview,
		String binding, SlackUserId requester, @Nullable IncidentId incidentId, String reason,
		@Nullable Conversation conversation, RequestState state, List<Approval> approvals, Instant createdAt,
		Instant expiresAt, @Nullable Instant decidedAt, @Nullable SlackUserId closedBy, @Nullable String note,
		@Nullable Instant executionStartedAt, @Nullable Instant finishedAt, @Nullable String outcome, int version) {

	public ActionRequest {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(actionType, "actionType");
		Objects.requireNonNull(tier, "tier");
		Objects.requireNonNull(params, "params");
		Objects.requireNonNull(preview, "preview");
		Objects.requireNonNull(binding, "binding");
		Objects.requireNonNull(requester, "requester");
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(expiresAt, "expiresAt");
		approvals = List.copyOf(approvals);
	}

	/**
	 * A new PENDING request; the binding hash is computed from exactly what approvers
	 * will be shown.
	 */
	public static ActionRequest create(String actionType, RiskTier tier, ActionParams params, String preview,
			SlackUserId requester, @Nullable IncidentId incidentId, String reason, @Nullable Conversation conversation,
			Clock clock, Duration ttl) {
		Instant now = clock.instant();
		return new ActionRequest(ActionRequestId.random(), actionType, tier, params, preview,
				ApprovalBinding.of(actionType, params, preview), requester, incidentId, reason, conversation,
				RequestState.PENDING, List.of(), now, now.plus(ttl), null, null, null, null, null, null, 0);
	}

	/**
	 * Records {@code by}'s approval. Refused unless PENDING and not yet expired, and
	 * unless {@code by} is neither the requester nor an earlier approver
	 * ({@link DistinctApproverPolicy}). Becomes APPROVED once the tier's number of
	 * distinct approvals is reached. Membership of the approvers group is checked by
	 * {@link Approvals}, which needs Slack for it.
	 */
	public Transition approve(SlackUserId by, Clock clock) {
		Instant now = clock.instant();
		Optional<String> closed = refuseUnlessOpen(now);
		if (closed.isPresent()) {
			return new Transition.Refused(closed.get());
		}
		Optional<String> distinct = DistinctApproverPolicy.refusal(this, by);
		if (distinct.isPresent()) {
			return new Transition.Refused(distinct.get());
		}
		List<Approval> more = new ArrayList<>(approvals);
		more.add(new Approval(by, now));
		boolean enough = more.size() >= tier.approvalsRequired();
		return applied(enough ? RequestState.APPROVED : RequestState.PENDING, more, enough ? now : null, closedBy, note,
				executionStartedAt, finishedAt, outcome);
	}

	/** LOW tier only: approved by policy, with no approvers. */
	public Transition approveWithoutApprovers(Clock clock) {
		if (tier != RiskTier.LOW) {
			return new Transition.Refused("only LOW tier actions run without approval");
		}
		Optional<String> closed = refuseUnlessOpen(clock.instant());
		if (closed.isPresent()) {
			return new Transition.Refused(closed.get());
		}
		return applied(RequestState.APPROVED, approvals, clock.instant(), closedBy, note, executionStartedAt,
				finishedAt, outcome);
	}

	/** An approver says no. The requester withdraws with {@link #cancel} instead. */
	public Transition deny(SlackUserId by, String why, Clock clock) {
		Optional<String> closed = refuseUnlessOpen(clock.instant());
		if (closed.isPresent()) {
			return new Transition.Refused(closed.get());
		}
		if (by.equals(requester)) {
			return new Transition.Refused("you requested this action: use “Cancel request” to withdraw it");
		}
		String reasonText = why == null ? "" : why.strip();
		if (reasonText.isEmpty()) {
			return new Transition.Refused("a denial needs a reason");
		}
		if (reasonText.length() > 500) {
			return new Transition.Refused("the reason is longer than 500 characters");
		}
		return applied(RequestState.DENIED, approvals, clock.instant(), by, reasonText, executionStartedAt, finishedAt,
				outcome);
	}

	/** The requester withdraws a request nobody has fully approved yet. */
	public Transition cancel(SlackUserId by, Clock clock) {
		if (!by.equals(requester)) {
			return new Transition.Refused("only the requester can cancel this request");
		}
		Optional<String> closed = refuseUnlessOpen(clock.instant());
		if (closed.isPresent()) {
			return new Transition.Refused(closed.get());
		}
		return applied(RequestState.CANCELLED, approvals, clock.instant(), by, note, executionStartedAt, finishedAt,
				outcome);
	}

	/** PENDING past its expiry time becomes EXPIRED. */
	public Transition expire(Clock clock) {
		Instant now = clock.instant();
		if (state != RequestState.PENDING) {
			return new Transition.Refused(notPendingReason());
		}
		if (now.isBefore(expiresAt)) {
			return new Transition.Refused("not expired yet");
		}
		return applied(RequestState.EXPIRED, approvals, now, closedBy, "no decision before it expired",
				executionStartedAt, finishedAt, outcome);
	}

	/**
	 * APPROVED but never started, and the approval is older than {@code ttl} (found after
	 * an outage): it expires rather than running long after people decided.
	 */
	public Transition expireApproval(Clock clock, Duration ttl) {
		Instant now = clock.instant();
		if (state != RequestState.APPROVED) {
			return new Transition.Refused("not waiting to run");
		}
		Instant approvedAt = decidedAt != null ? decidedAt : createdAt;
		if (now.isBefore(approvedAt.plus(ttl))) {
			return new Transition.Refused("approval still fresh");
		}
		return applied(RequestState.EXPIRED, approvals, decidedAt, closedBy,
				"approved, but not started within " + ttl.toMinutes() + " min (Watchkeeper was down); request again",
				executionStartedAt, finishedAt, outcome);
	}

	/**
	 * APPROVED becomes EXECUTING; stored by compare-and-set, so only one caller anywhere
	 * wins.
	 */
	public Transition startExecution(Clock clock) {
		if (state != RequestState.APPROVED) {
			return new Transition.Refused("only an approved request can start; this one is " + state);
		}
		return applied(RequestState.EXECUTING, approvals, decidedAt, closedBy, note, clock.instant(), finishedAt,
				outcome);
	}

	/** EXECUTING (or UNKNOWN, being settled) becomes SUCCEEDED. */
	public Transition succeed(String summary, Clock clock) {
		return settle(RequestState.SUCCEEDED, summary, clock);
	}

	/** EXECUTING (or UNKNOWN, being settled) becomes FAILED. */
	public Transition fail(String error, Clock clock) {
		return settle(RequestState.FAILED, error, clock);
	}

	/**
	 * EXECUTING becomes UNKNOWN: the effect may or may not be in place until verified.
	 */
	public Transition outcomeUnknown(String why, Clock clock) {
		if (state != RequestState.EXECUTING) {
			return new Transition.Refused("only an executing request can have an unknown outcome");
		}
		return applied(RequestState.UNKNOWN, approvals, decidedAt, closedBy, note, executionStartedAt, clock.instant(),
				why);
	}

	public int approvalsRequired() {
		return tier.approvalsRequired();
	}

	public int approvalsMissing() {
		return Math.max(0, tier.approvalsRequired() - approvals.size());
	}

	public boolean hasApproved(SlackUserId user) {
		return approvals.stream().anyMatch(a -> a.approver().equals(user));
	}

	public boolean isExpiredAt(Instant instant) {
		return !instant.isBefore(expiresAt);
	}

	public List<String> approverIds() {
		return approvals.stream().map(a -> a.approver().value()).toList();
	}

	private Transition settle(RequestState to, String text, Clock clock) {
		if (state != RequestState.EXECUTING && state != RequestState.UNKNOWN) {
			return new Transition.Refused("only an executing request can finish; this one is " + state);
		}
		return applied(to, approvals, decidedAt, closedBy, note, executionStartedAt, clock.instant(), text);
	}

	private Optional<String> refuseUnlessOpen(Instant now) {
		if (state != RequestState.PENDING) {
			return Optional.of(notPendingReason());
		}
		if (isExpiredAt(now)) {
			return Optional.of("this request expired; ask for it again if it is still needed");
		}
		return Optional.empty();
	}

	private String notPendingReason() {
		return switch (state) {
			case PENDING -> "this request is still waiting for approval";
			case APPROVED, EXECUTING -> "this request is already approved and running";
			case SUCCEEDED, FAILED, UNKNOWN -> "this request was already approved and executed";
			case DENIED -> "this request was denied";
			case EXPIRED -> "this request expired; ask for it again if it is still needed";
			case CANCELLED -> "this request was cancelled by its requester";
		};
	}

	private Transition applied(RequestState nextState, List<Approval> nextApprovals, @Nullable Instant nextDecidedAt,
			@Nullable SlackUserId nextClosedBy, @Nullable String nextNote, @Nullable Instant nextStartedAt,
			@Nullable Instant nextFinishedAt, @Nullable String nextOutcome) {
		return new Transition.Applied(new ActionRequest(id, actionType, tier, params, preview, binding, requester,
				incidentId, reason, conversation, nextState, nextApprovals, createdAt, expiresAt, nextDecidedAt,
				nextClosedBy, nextNote, nextStartedAt, nextFinishedAt, nextOutcome, version + 1));
	}
}
