package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.actions.Action;
import dev.watchkeeper.actions.ActionOutcome;
import dev.watchkeeper.actions.ActionParams;
import dev.watchkeeper.actions.ActionPreview;
import dev.watchkeeper.actions.EffectCheck;
import dev.watchkeeper.actions.ExecutionPermit;
import dev.watchkeeper.actions.ParamSchema;
import dev.watchkeeper.actions.ParamSpec;
import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.ActionRequestId;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.credentials.CredentialAction;
import dev.watchkeeper.credentials.Verification;
import dev.watchkeeper.credentials.internal.VaultProblem.NotFoundInVault;
import dev.watchkeeper.credentials.internal.VaultProblem.PolicyLacksCapability;
import dev.watchkeeper.credentials.internal.VaultRevocations.Execution;
import dev.watchkeeper.credentials.internal.VaultRevocations.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * One of the four Vault actions behind the approval gate ({@code vault.revoke-lease},
 * {@code vault.revoke-prefix}, {@code vault.revoke-token-accessor},
 * {@code vault.rotate-database-role}). The preview asks Vault and refuses what it does
 * not know, so nobody is asked to approve a revoke of a lease that does not exist.
 * Execution maps what Watchkeeper saw after acting: verified → succeeded, still present →
 * failed, no answer → unknown (settled later by {@link #verify}, never by running again).
 * A Vault problem that proves nothing was sent (sealed, unreachable, 403) fails the
 * request visibly; it can be requested again.
 */
final class VaultCredentialAction implements Action {

	private final CredentialAction kind;

	private final VaultRevocations revocations;

	private final ObjectProvider<Approvals> approvals;

	VaultCredentialAction(CredentialAction kind, VaultRevocations revocations, ObjectProvider<Approvals> approvals) {
		this.kind = kind;
		this.revocations = revocations;
		this.approvals = approvals;
	}

	@Override
	public String type() {
		return kind.typeId();
	}

	@Override
	public String description() {
		return switch (kind) {
			case REVOKE_LEASE -> "Revoke one Vault lease, then verify it is gone";
			case REVOKE_PREFIX -> "Revoke every Vault lease under a prefix (needs sudo), then verify none is left";
			case REVOKE_TOKEN_ACCESSOR -> "Revoke a Vault token by its accessor, then verify it is gone";
			case ROTATE_DATABASE_ROLE -> "Rotate a database static role's password now, then verify the rotation";
		};
	}

	@Override
	public RiskTier tier() {
		return kind == CredentialAction.REVOKE_PREFIX ? RiskTier.CRITICAL : RiskTier.HIGH;
	}

	@Override
	public ParamSchema schema() {
		String path = "[A-Za-z0-9_.+-]+(/[A-Za-z0-9_.+-]+)+";
		ParamSpec spec = switch (kind) {
			case REVOKE_LEASE -> ParamSpec.required(kind.parameter(), "the Vault lease id, e.g. database/creds/ro/<id>")
				.matching(path)
				.withMaxLength(512);
			case REVOKE_PREFIX -> ParamSpec.required(kind.parameter(), "a lease prefix, e.g. database/creds/ro/")
				.matching(path + "/?")
				.withMaxLength(512);
			case REVOKE_TOKEN_ACCESSOR -> ParamSpec.required(kind.parameter(), "the token's accessor (never the token)")
				.matching("[A-Za-z0-9.-]{8,81}");
			case ROTATE_DATABASE_ROLE -> ParamSpec.required(kind.parameter(), "the database static role name")
				.matching("\\w[\\w.-]*")
				.withMaxLength(128);
		};
		return ParamSchema.of(spec.asIdentifier());
	}

	@Override
	public ActionPreview preview(ActionParams params) {
		try {
			String value = kind.validate(params.get(kind.parameter()));
			return ActionPreview.ready(revocations.preview(kind, value).text());
		}
		catch (IllegalArgumentException | NotFoundInVault | PolicyLacksCapability refusal) {
			return ActionPreview.refused(refusal.getMessage());
		}
		// VaultUnavailable and a timeout propagate: the answer cannot be found out now,
		// the request is not made
	}

	@Override
	public ActionOutcome execute(ActionParams params, ExecutionPermit permit) {
		if (!permit.covers(type(), params)) {
			return ActionOutcome.failed("the permit does not cover these parameters; nothing was sent to Vault");
		}
		String value;
		try {
			value = kind.validate(params.get(kind.parameter()));
		}
		catch (IllegalArgumentException ex) {
			return ActionOutcome.failed(ex.getMessage() + "; nothing was sent to Vault");
		}
		List<String> approvers = permit.approvers();
		Execution execution = new Execution(approvers.isEmpty() ? "system" : approvers.get(approvers.size() - 1),
				permit.requestId().toString(), incidentOf(permit.requestId()));
		Outcome outcome;
		try {
			outcome = revocations.execute(kind, value, execution);
		}
		catch (VaultProblem | IllegalArgumentException nothingSent) {
			// execute() only throws before it sent the change: the effect is known not to
			// be in place
			String verb = kind == CredentialAction.ROTATE_DATABASE_ROLE ? "rotated" : "revoked";
			return ActionOutcome
				.failed(nothingSent.getMessage() + "; nothing was " + verb + ", request it again when this is fixed");
		}
		return switch (outcome.verification()) {
			case CONFIRMED -> ActionOutcome.succeeded(outcome.summary());
			case NOT_CONFIRMED -> ActionOutcome.failed(outcome.summary());
			case UNKNOWN -> ActionOutcome.unknown(outcome.summary());
		};
	}

	@Override
	public EffectCheck verify(ActionParams params, UUID requestId) {
		String value;
		try {
			value = kind.validate(params.get(kind.parameter()));
		}
		catch (IllegalArgumentException ex) {
			return EffectCheck.NOT_APPLIED;
		}
		Instant since = kind == CredentialAction.ROTATE_DATABASE_ROLE ? startOf(requestId) : Instant.EPOCH;
		if (since == null) {
			return EffectCheck.UNKNOWN;
		}
		Verification verification = revocations.effect(kind, value, since);
		return switch (verification) {
			case CONFIRMED -> EffectCheck.APPLIED;
			case NOT_CONFIRMED -> EffectCheck.NOT_APPLIED;
			case UNKNOWN -> EffectCheck.UNKNOWN;
		};
	}

	/**
	 * When the request started executing: a rotation at or after it is this request's
	 * effect.
	 */
	private @Nullable Instant startOf(UUID requestId) {
		Optional<ActionRequest> request = request(requestId);
		if (request.isEmpty()) {
			return null;
		}
		ActionRequest found = request.get();
		return found.executionStartedAt() != null ? found.executionStartedAt()
				: found.decidedAt() != null ? found.decidedAt() : found.createdAt();
	}

	private String incidentOf(UUID requestId) {
		return request(requestId).map(r -> r.incidentId() == null ? "" : r.incidentId().toString()).orElse("");
	}

	private Optional<ActionRequest> request(UUID requestId) {
		// looked up lazily: Approvals needs the action registry, which needs this action
		Approvals gate = approvals.getIfAvailable();
		return gate == null ? Optional.empty() : gate.find(new ActionRequestId(requestId));
	}

}
