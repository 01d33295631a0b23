package dev.watchkeeper.actions;

import java.util.UUID;

/**
 * Something Watchkeeper can do to the outside world, behind the approval gate. Implement
 * it as a Spring bean; the {@link ActionRegistry} finds every bean of this type.
 * <p>
 * Contract: {@link #preview} and {@link #verify} only read. {@link #execute} is called at
 * most once per approved request, by the approvals module, after the transition to
 * {@code EXECUTING} and its audit entry are committed. Bound every outside call with a
 * timeout: a request stays {@code EXECUTING} until {@code execute} returns. Parameters
 * are identifiers (lease ids, names), never secrets: they are stored and shown to
 * approvers.
 */
public interface Action {

	/**
	 * Stable dotted id such as {@code vault.revoke-lease}; used in {@code /wk run},
	 * runbooks and the audit trail.
	 */
	String type();

	/** One line: what it does, e.g. "Revoke one Vault lease". */
	String description();

	RiskTier tier();

	ParamSchema schema();

	/**
	 * Describes exactly what {@link #execute} would do with these (validated) parameters,
	 * without changing anything. Refuse when the request makes no sense (the lease does
	 * not exist): nobody is then asked to approve it. Throw only when the answer cannot
	 * be found out (the outside system is down).
	 */
	ActionPreview preview(ActionParams params);

	/**
	 * Does it. The permit proves the approval; it covers exactly {@code params}
	 * ({@link ExecutionPermit#covers}). An exception means "unclear what happened": the
	 * approvals module then asks {@link #verify} instead of guessing.
	 */
	ActionOutcome execute(ActionParams params, ExecutionPermit permit) throws Exception;

	/**
	 * Is the effect of executing request {@code requestId} with these parameters in
	 * place? Asked after a crash or an unclear outcome, so that nothing ever runs twice.
	 */
	EffectCheck verify(ActionParams params, UUID requestId);

}
