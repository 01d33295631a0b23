package dev.watchkeeper.actions.internal;

import dev.watchkeeper.actions.Action;
import dev.watchkeeper.actions.ActionOutcome;
import dev.watchkeeper.actions.ActionParams;
import dev.watchkeeper.actions.ActionPreview;
import dev.watchkeeper.actions.EffectCheck;
import dev.watchkeeper.actions.ExecutionPermit;
import dev.watchkeeper.actions.ParamSchema;
import dev.watchkeeper.actions.ParamSpec;
import dev.watchkeeper.actions.RiskTier;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code noop.echo}: the safe demonstration action. Its only effect is one row in
 * {@code noop_echo} per request, so the whole gate (approval, exactly-once execution,
 * crash recovery, audit) can be tried before any destructive action is installed. Tier
 * HIGH on purpose: it needs an approver like a real action.
 */
@Component
class NoopEchoAction implements Action {

	static final String TYPE = "noop.echo";

	private static final ParamSchema SCHEMA = ParamSchema
		.of(ParamSpec.required("message", "text to echo, at most 200 characters"));

	private final JdbcClient jdbc;

	private final Clock clock;

	NoopEchoAction(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public String description() {
		return "Echo a message (demonstration; changes nothing outside Watchkeeper)";
	}

	@Override
	public RiskTier tier() {
		return RiskTier.HIGH;
	}

	@Override
	public ParamSchema schema() {
		return SCHEMA;
	}

	@Override
	public ActionPreview preview(ActionParams params) {
		return ActionPreview.ready("Will echo \"" + params.get("message")
				+ "\" as this request's outcome. Nothing outside Watchkeeper changes.");
	}

	@Override
	public ActionOutcome execute(ActionParams params, ExecutionPermit permit) {
		if (!permit.covers(TYPE, params)) {
			return ActionOutcome.failed("permit does not cover these parameters");
		}
		// the primary key on request_id makes a second execution fail loudly instead of
		// echoing twice
		jdbc.sql("INSERT INTO noop_echo (request_id, message, echoed_at) VALUES (:id, :message, :at)")
			.param("id", permit.requestId())
			.param("message", params.get("message"))
			.param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
			.update();
		return ActionOutcome.succeeded("echoed: " + params.get("message"));
	}

	@Override
	public EffectCheck verify(ActionParams params, UUID requestId) {
		Integer rows = jdbc.sql("SELECT COUNT(*) FROM noop_echo WHERE request_id = :id")
			.param("id", requestId)
			.query(Integer.class)
			.single();
		return rows != null && rows > 0 ? EffectCheck.APPLIED : EffectCheck.NOT_APPLIED;
	}

}
