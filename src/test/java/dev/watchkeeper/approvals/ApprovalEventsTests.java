package dev.watchkeeper.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events survive a JSON round trip (Spring Modulith stores events for asynchronous
 * module listeners that way), and say who did what to which request, with identifiers
 * kept apart for HMAC-only storage.
 */
class ApprovalEventsTests {

	static final UUID REQUEST = UUID.fromString("7d2f4c3e-9b1a-4e5f-8c6d-0a1b2c3d4e5f");

	static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

	static final Map<String, String> LEASE = Map.of("lease_id", "database/creds/ro/abc");

	static List<AuditableEvent> events() {
		return List.of(
				new ActionRequested(UUID.randomUUID(), AT, REQUEST, "vault.revoke-lease", RiskTier.HIGH, "U0APPROVE1",
						"", "leaked", Map.of("note", "ci"), LEASE, AT.plusSeconds(900), "ab".repeat(32)),
				new ActionRequestRefused(UUID.randomUUID(), AT, "vault.revoke-lease", "U0APPROVE1", "", "not found"),
				new ActionApproved(UUID.randomUUID(), AT, REQUEST, "vault.revoke-prefix", "U0APPROVE2", 1, 2, "",
						LEASE),
				new ActionDenied(UUID.randomUUID(), AT, REQUEST, "vault.revoke-lease", "U0APPROVE2", "wrong", "",
						LEASE),
				new ActionCancelled(UUID.randomUUID(), AT, REQUEST, "vault.revoke-lease", "U0APPROVE1", "", LEASE),
				new ActionExpired(UUID.randomUUID(), AT, REQUEST, "vault.revoke-lease", 0, 1, "ttl", "", LEASE),
				new ActionExecutionStarted(UUID.randomUUID(), AT, REQUEST, "vault.revoke-lease", List.of("U0APPROVE2"),
						"ab".repeat(32), "executor", "", LEASE),
				new ActionExecuted(UUID.randomUUID(), AT, REQUEST, "vault.revoke-lease", "gone", "executor", "", LEASE),
				new ActionFailed(UUID.randomUUID(), AT, REQUEST, "vault.revoke-lease", "503", "executor", "", LEASE),
				new ActionOutcomeUnknown(UUID.randomUUID(), AT, REQUEST, "vault.revoke-lease", "timeout", "executor",
						"", LEASE),
				new ApprovalRefused(UUID.randomUUID(), AT, REQUEST.toString(), "U0OUTSIDE1", "approve",
						"not an approver", ""));
	}

	@ParameterizedTest
	@MethodSource("events")
	void survivesAJsonRoundTrip(AuditableEvent event) {
		JsonMapper json = JsonMapper.builder().build();

		Object read = json.readValue(json.writeValueAsString(event), event.getClass());

		assertThat(read).isEqualTo(event);
	}

	@ParameterizedTest
	@MethodSource("events")
	void identifiersNeverAppearInTheDetails(AuditableEvent event) {
		assertThat(event.details().values()).doesNotContain("database/creds/ro/abc");
		assertThat(event.actor()).isNotBlank();
		assertThat(event.action()).matches("(action|approval)\\.[a-z-]+");
		assertThat(event.subject()).isNotBlank();
	}

	@ParameterizedTest
	@MethodSource("requestEvents")
	void requestEventsCarryTheIdentifiersForHmacStorage(AuditableEvent event) {
		assertThat(event.sensitiveIdentifiers()).isEqualTo(LEASE);
		assertThat(event.subject()).isEqualTo(REQUEST.toString());
	}

	/** Events about a stored request (refusals may concern no request). */
	static List<AuditableEvent> requestEvents() {
		return events().stream()
			.filter(e -> !(e instanceof ActionRequestRefused) && !(e instanceof ApprovalRefused))
			.toList();
	}

}
