package dev.watchkeeper.approvals;

import dev.watchkeeper.actions.Action;
import dev.watchkeeper.actions.ActionOutcome;
import dev.watchkeeper.actions.ActionParams;
import dev.watchkeeper.actions.ActionPreview;
import dev.watchkeeper.actions.EffectCheck;
import dev.watchkeeper.actions.ExecutionPermit;
import dev.watchkeeper.actions.ParamSchema;
import dev.watchkeeper.actions.ParamSpec;
import dev.watchkeeper.actions.RiskTier;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test action that counts its executions per request. Its target parameter steers it
 * like an outside system would: {@code missing-*} is refused at preview ("not found in
 * Vault"), {@code fail-*} throws and is verified not applied, {@code hang-*} throws and
 * cannot be verified, {@code applied-*} is verified in place, anything else succeeds.
 */
public class RecordingAction implements Action {

	private final String type;

	private final RiskTier tier;

	private final Map<UUID, AtomicInteger> executions = new ConcurrentHashMap<>();

	private final Set<UUID> applied = ConcurrentHashMap.newKeySet();

	public RecordingAction(String type, RiskTier tier) {
		this.type = type;
		this.tier = tier;
	}

	@Override
	public String type() {
		return type;
	}

	@Override
	public String description() {
		return "Test action " + type;
	}

	@Override
	public RiskTier tier() {
		return tier;
	}

	@Override
	public ParamSchema schema() {
		return ParamSchema.of(ParamSpec.required("target", "what to act on").matching("[a-z0-9/._-]+").asIdentifier(),
				ParamSpec.optional("note", "free text"));
	}

	@Override
	public ActionPreview preview(ActionParams params) {
		String target = params.get("target");
		if (target.startsWith("missing")) {
			return ActionPreview.refused("lease " + target + " not found in Vault");
		}
		return ActionPreview.ready("Will act on " + target);
	}

	@Override
	public ActionOutcome execute(ActionParams params, ExecutionPermit permit) {
		executions.computeIfAbsent(permit.requestId(), id -> new AtomicInteger()).incrementAndGet();
		String target = params.get("target");
		if (target.startsWith("fail") || target.startsWith("hang")) {
			throw new IllegalStateException("backend refused <!channel> for " + target);
		}
		applied.add(permit.requestId());
		return ActionOutcome.succeeded("acted on " + target);
	}

	@Override
	public EffectCheck verify(ActionParams params, UUID requestId) {
		String target = params.get("target");
		if (applied.contains(requestId) || target.startsWith("applied")) {
			return EffectCheck.APPLIED;
		}
		return target.startsWith("hang") || target.startsWith("unknown") ? EffectCheck.UNKNOWN
				: EffectCheck.NOT_APPLIED;
	}

	/** How often {@link #execute} ran for this request. */
	public int executions(UUID requestId) {
		AtomicInteger count = executions.get(requestId);
		return count == null ? 0 : count.get();
	}

	public int totalExecutions() {
		return executions.values().stream().mapToInt(AtomicInteger::get).sum();
	}

}
