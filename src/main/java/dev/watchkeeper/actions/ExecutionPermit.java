package dev.watchkeeper.actions;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Proof that one request was approved and moved to {@code EXECUTING} by a committed
 * compare-and-set: the value {@link Action#execute} demands, so that destructive code
 * cannot be reached without an approval.
 * <p>
 * Only the {@code approvals} module issues permits. The {@code actions} module cannot
 * name {@code approvals} (that would be a module cycle), so {@link #issue} checks its
 * caller at run time, and an architecture test checks at build time that nothing outside
 * {@code dev.watchkeeper.approvals.internal} calls it or {@link Action#execute}.
 */
public final class ExecutionPermit {

	/** The one package allowed to issue permits. */
	static final String ISSUER_PACKAGE = "dev.watchkeeper.approvals.internal";

	private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private final UUID requestId;

	private final String actionType;

	private final ActionParams params;

	private final String binding;

	private final List<String> approvers;

	private final Instant grantedAt;

	private ExecutionPermit(UUID requestId, String actionType, ActionParams params, String binding,
			List<String> approvers, Instant grantedAt) {
		this.requestId = Objects.requireNonNull(requestId, "requestId");
		this.actionType = Objects.requireNonNull(actionType, "actionType");
		this.params = Objects.requireNonNull(params, "params");
		this.binding = Objects.requireNonNull(binding, "binding");
		this.approvers = List.copyOf(approvers);
		this.grantedAt = Objects.requireNonNull(grantedAt, "grantedAt");
	}

	/**
	 * Issues a permit for one approved request.
	 * @throws IllegalCallerException when called from anywhere but the approvals module's
	 * executor
	 */
	public static ExecutionPermit issue(UUID requestId, String actionType, ActionParams params, String binding,
			List<String> approvers, Instant grantedAt) {
		Class<?> caller = WALKER.getCallerClass();
		if (!ISSUER_PACKAGE.equals(caller.getPackageName())) {
			throw new IllegalCallerException(
					"execution permits are issued only by " + ISSUER_PACKAGE + ", not by " + caller.getName());
		}
		return new ExecutionPermit(requestId, actionType, params, binding, approvers, grantedAt);
	}

	/**
	 * True when this permit was issued for exactly this action type and these parameters.
	 */
	public boolean covers(String type, ActionParams candidate) {
		return actionType.equals(type) && params.equals(candidate);
	}

	public UUID requestId() {
		return requestId;
	}

	public String actionType() {
		return actionType;
	}

	public ActionParams params() {
		return params;
	}

	/** The SHA-256 approval hash of the parameters and preview the approvers saw. */
	public String binding() {
		return binding;
	}

	/** Slack user ids of the approvers; empty for {@link RiskTier#LOW} actions. */
	public List<String> approvers() {
		return approvers;
	}

	public Instant grantedAt() {
		return grantedAt;
	}

	@Override
	public String toString() {
		return "ExecutionPermit[request=" + requestId + ", type=" + actionType + ", approvers=" + approvers + "]";
	}

}
