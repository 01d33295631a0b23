package dev.watchkeeper.approvals;

import dev.watchkeeper.actions.ActionParams;
import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.core.SlackUserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Fixtures: requests in each state, built through the state machine itself, and the
 * people involved.
 */
public final class ActionRequests {

	public static final SlackUserId REQUESTER = new SlackUserId("U0APPROVE1");

	public static final SlackUserId ALICE = new SlackUserId("U0APPROVE2");

	public static final SlackUserId BOB = new SlackUserId("U0ONCALL01");

	public static final SlackUserId MALLORY = new SlackUserId("U0OUTSIDE1");

	public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

	public static final Duration TTL = Duration.ofMinutes(15);

	private ActionRequests() {
	}

	public static Clock at(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

	public static Clock minutesAfterT0(long minutes) {
		return at(T0.plus(Duration.ofMinutes(minutes)));
	}

	public static ActionRequest pending(String type, RiskTier tier, String target) {
		return pending(type, tier, target, null, null, at(T0));
	}

	public static ActionRequest pending(String type, RiskTier tier, String target, @Nullable IncidentId incident,
			@Nullable Conversation conversation, Clock clock) {
		return ActionRequest.create(type, tier, ActionParams.of(Map.of("target", target)), "Will act on " + target,
				REQUESTER, incident, "leaked in CI logs", conversation, clock, TTL);
	}

	public static ActionRequest pendingHigh() {
		return pending("test.high", RiskTier.HIGH, "db-creds");
	}

	public static ActionRequest pendingCritical() {
		return pending("test.critical", RiskTier.CRITICAL, "database/");
	}

	public static ActionRequest pendingLow() {
		return pending("test.low", RiskTier.LOW, "cache");
	}

	/** The request after a transition that must have been applied. */
	public static ActionRequest applied(Transition transition) {
		if (transition instanceof Transition.Applied applied) {
			return applied.next();
		}
		throw new AssertionError("refused: " + ((Transition.Refused) transition).reason());
	}

	public static ActionRequest approvedHigh(Clock clock) {
		return applied(pendingHigh().approve(ALICE, clock));
	}

	public static ActionRequest executingHigh(Clock clock) {
		return applied(approvedHigh(clock).startExecution(clock));
	}

}
