package dev.watchkeeper.approvals;

import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Someone asked for an action to run; it now waits for approval.
 *
 * @param params non-identifier parameters, redacted
 * @param identifiers identifier parameters (lease ids, accessors), stored by the audit
 * trail only as HMACs
 */
public record ActionRequested(UUID eventId, Instant occurredAt, UUID requestId, String actionType, RiskTier tier,
		String requester, String incidentId, String reason, Map<String, String> params, Map<String, String> identifiers,
		Instant expiresAt, String binding) implements AuditableEvent {

	public ActionRequested {
		params = Map.copyOf(params);
		identifiers = Map.copyOf(identifiers);
	}

	@Override
	public String actor() {
		return requester;
	}

	@Override
	public String action() {
		return "action.requested";
	}

	@Override
	public String subject() {
		return requestId.toString();
	}

	@Override
	public String outcome() {
		return "pending";
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("type", actionType);
		details.put("tier", tier.name());
		details.put("reason", reason);
		details.put("expires_at", expiresAt.toString());
		details.put("binding", binding);
		params.forEach((k, v) -> details.put("param." + k, v));
		return details;
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return identifiers;
	}
}
