package dev.watchkeeper.approvals;

import static dev.watchkeeper.approvals.ActionRequests.ALICE;
import static dev.watchkeeper.approvals.ActionRequests.BOB;
import static dev.watchkeeper.approvals.ActionRequests.REQUESTER;
import static dev.watchkeeper.approvals.ActionRequests.applied;
import static dev.watchkeeper.approvals.ActionRequests.at;
import static dev.watchkeeper.approvals.ActionRequests.minutesAfterT0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.actions.ActionParams;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionRequestTests {

	final Clock now = minutesAfterT0(1);

	@Test
	void approverCannotBeRequester() {
		Transition transition = ActionRequests.pendingHigh().approve(REQUESTER, now);

		assertThat(transition)
			.isEqualTo(new Transition.Refused("you requested this action, so someone else must approve it"));
	}

	@Test
	void oneApprovalApprovesAHighAction() {
		ActionRequest approved = applied(ActionRequests.pendingHigh().approve(ALICE, now));

		assertThat(approved.state()).isEqualTo(RequestState.APPROVED);
		assertThat(approved.approverIds()).containsExactly(ALICE.value());
		assertThat(approved.decidedAt()).isEqualTo(now.instant());
		assertThat(approved.version()).isEqualTo(1);
	}

	@Test
	void criticalActionNeedsTwoDistinctApprovers() {
		ActionRequest once = applied(ActionRequests.pendingCritical().approve(ALICE, now));

		assertThat(once.state()).isEqualTo(RequestState.PENDING);
		assertThat(once.approvalsMissing()).isEqualTo(1);
		assertThat(once.approve(ALICE, now)).isInstanceOf(Transition.Refused.class);
		assertThat(((Transition.Refused) once.approve(ALICE, now)).reason()).contains("from a different person");

		ActionRequest twice = applied(once.approve(BOB, now));

		assertThat(twice.state()).isEqualTo(RequestState.APPROVED);
		assertThat(twice.approverIds()).containsExactly(ALICE.value(), BOB.value());
	}

	@Test
	void requesterCannotBeTheSecondApproverOfACriticalAction() {
		ActionRequest once = applied(ActionRequests.pendingCritical().approve(ALICE, now));

		assertThat(once.approve(REQUESTER, now)).isInstanceOf(Transition.Refused.class);
	}

	@Test
	void expiredRequestCannotBeApproved() {
		Transition transition = ActionRequests.pendingHigh().approve(ALICE, minutesAfterT0(15));

		assertThat(transition)
			.isEqualTo(new Transition.Refused("this request expired; ask for it again if it is still needed"));
	}

	@Test
	void expiryNeedsTheTimeToHavePassed() {
		assertThat(ActionRequests.pendingHigh().expire(minutesAfterT0(14))).isInstanceOf(Transition.Refused.class);

		ActionRequest expired = applied(ActionRequests.pendingHigh().expire(minutesAfterT0(15)));

		assertThat(expired.state()).isEqualTo(RequestState.EXPIRED);
		assertThat(expired.note()).isEqualTo("no decision before it expired");
	}

	@Test
	void finishedRequestCannotBeApprovedAgain() {
		ActionRequest approved = ActionRequests.approvedHigh(now);

		assertThat(approved.approve(BOB, now))
			.isEqualTo(new Transition.Refused("this request is already approved and running"));
	}

	@Test
	void denialNeedsAReasonAndAnotherPerson() {
		ActionRequest pending = ActionRequests.pendingHigh();

		assertThat(pending.deny(ALICE, "  ", now)).isEqualTo(new Transition.Refused("a denial needs a reason"));
		assertThat(((Transition.Refused) pending.deny(REQUESTER, "no", now)).reason()).contains("Cancel request");

		ActionRequest denied = applied(pending.deny(ALICE, " wrong lease ", now));

		assertThat(denied.state()).isEqualTo(RequestState.DENIED);
		assertThat(denied.closedBy()).isEqualTo(ALICE);
		assertThat(denied.note()).isEqualTo("wrong lease");
	}

	@Test
	void onlyTheRequesterCanCancel() {
		ActionRequest pending = ActionRequests.pendingHigh();

		assertThat(pending.cancel(ALICE, now))
			.isEqualTo(new Transition.Refused("only the requester can cancel this request"));
		assertThat(applied(pending.cancel(REQUESTER, now)).state()).isEqualTo(RequestState.CANCELLED);
	}

	@Test
	void approvedRequestCannotBeCancelled() {
		assertThat(ActionRequests.approvedHigh(now).cancel(REQUESTER, now)).isInstanceOf(Transition.Refused.class);
	}

	@Test
	void onlyAnApprovedRequestStartsExecuting() {
		assertThat(ActionRequests.pendingHigh().startExecution(now)).isInstanceOf(Transition.Refused.class);

		ActionRequest executing = ActionRequests.executingHigh(now);

		assertThat(executing.state()).isEqualTo(RequestState.EXECUTING);
		assertThat(executing.executionStartedAt()).isEqualTo(now.instant());
		assertThat(executing.startExecution(now)).isInstanceOf(Transition.Refused.class);
	}

	@Test
	void executingRequestSettlesOnce() {
		ActionRequest succeeded = applied(ActionRequests.executingHigh(now).succeed("done", now));

		assertThat(succeeded.state()).isEqualTo(RequestState.SUCCEEDED);
		assertThat(succeeded.outcome()).isEqualTo("done");
		assertThat(succeeded.fail("late", now)).isInstanceOf(Transition.Refused.class);
	}

	@Test
	void unknownOutcomeCanBeSettledLater() {
		ActionRequest unknown = applied(ActionRequests.executingHigh(now).outcomeUnknown("timeout", now));

		assertThat(unknown.state()).isEqualTo(RequestState.UNKNOWN);
		assertThat(applied(unknown.fail("verified: not applied", now)).state()).isEqualTo(RequestState.FAILED);
	}

	@Test
	void onlyLowTierRunsWithoutApprovers() {
		assertThat(ActionRequests.pendingHigh().approveWithoutApprovers(now)).isInstanceOf(Transition.Refused.class);
		assertThat(applied(ActionRequests.pendingLow().approveWithoutApprovers(now)).state())
			.isEqualTo(RequestState.APPROVED);
	}

	@Test
	void staleApprovalExpiresInsteadOfRunning() {
		ActionRequest approved = ActionRequests.approvedHigh(now);

		assertThat(approved.expireApproval(minutesAfterT0(10), Duration.ofMinutes(15)))
			.isInstanceOf(Transition.Refused.class);
		ActionRequest expired = applied(approved.expireApproval(minutesAfterT0(17), Duration.ofMinutes(15)));

		assertThat(expired.state()).isEqualTo(RequestState.EXPIRED);
		assertThat(expired.note()).contains("not started within 15 min");
	}

	@Test
	void bindingChangesWithParametersAndPreview() {
		ActionParams params = ActionParams.of(Map.of("target", "a"));
		String binding = ApprovalBinding.of("test.high", params, "Will act on a");

		assertThat(binding).hasSize(64).isEqualTo(ApprovalBinding.of("test.high", params, "Will act on a"));
		assertThat(ApprovalBinding.of("test.high", ActionParams.of(Map.of("target", "b")), "Will act on a"))
			.isNotEqualTo(binding);
		assertThat(ApprovalBinding.of("test.high", params, "Will act on b")).isNotEqualTo(binding);
		assertThat(ApprovalBinding.of("test.critical", params, "Will act on a")).isNotEqualTo(binding);
	}

	@Test
	void ticketCarriesIdAndBindingAndRefusesAnythingElse() {
		ActionRequest request = ActionRequests.pendingHigh();
		String value = ApprovalTicket.of(request).format();

		assertThat(ApprovalTicket.parse(value)).contains(new ApprovalTicket(request.id(), request.binding()));
		assertThat(ApprovalTicket.parse(value + "0")).isEmpty();
		assertThat(ApprovalTicket.parse(value.toUpperCase())).isEmpty();
		assertThat(ApprovalTicket.parse("'; DROP TABLE action_request; --")).isEmpty();
		assertThat(ApprovalTicket.describeMalformed("<script>x</script>")).isEqualTo("malformed:?script?x??script?");
	}

	@Test
	void requestTimesComeFromTheGivenClock() {
		ActionRequest request = ActionRequests.pending("test.high", dev.watchkeeper.actions.RiskTier.HIGH, "x", null,
				null, at(ActionRequests.T0));

		assertThat(request.createdAt()).isEqualTo(ActionRequests.T0);
		assertThat(request.expiresAt()).isEqualTo(ActionRequests.T0.plus(ActionRequests.TTL));
	}

}
