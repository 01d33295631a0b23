package dev.watchkeeper.slack.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.approvals.RequestState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * Golden-JSON tests of the pure Block Kit builders: each rendering is compared with a
 * reviewed file under {@code src/test/resources/dev/watchkeeper/slack/approvals/golden}.
 * After an intended change, regenerate with {@code -Dgolden.update=true} and review the
 * diff.
 */
class ApprovalBlocksTests {

	static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");

	static final String TICKET = "7d2f4c3e-9b1a-4e5f-8c6d-0a1b2c3d4e5f:" + "ab".repeat(32);

	static final Gson slackJson = GsonFactory.createSnakeCase();

	static final ObjectMapper json = new ObjectMapper();

	@Test
	void pendingHighRequestShowsPreviewParametersAndThreeButtons() {
		assertMatchesGolden("pending-high",
				ApprovalBlocks.message(card(RiskTier.HIGH, RequestState.PENDING, List.of())));
	}

	@Test
	void criticalRequestAsksForConfirmationAndShowsTheFirstApproval() {
		ApprovalCard card = withIncident(card(RiskTier.CRITICAL, RequestState.PENDING,
				List.of(new ApprovalCard.Approver("U0APPROVE2", CREATED.plusSeconds(120)))));

		assertMatchesGolden("pending-critical-one-approval", ApprovalBlocks.message(card));
	}

	@Test
	void succeededRequestHasNoButtonsAndShowsTheOutcome() {
		ApprovalCard card = outcome(
				card(RiskTier.HIGH, RequestState.SUCCEEDED,
						List.of(new ApprovalCard.Approver("U0APPROVE2", CREATED.plusSeconds(60)))),
				"revoked and verified gone");

		assertMatchesGolden("succeeded", ApprovalBlocks.message(card));
	}

	@Test
	void failedRequestShowsTheEscapedError() {
		ApprovalCard card = outcome(
				card(RiskTier.HIGH, RequestState.FAILED,
						List.of(new ApprovalCard.Approver("U0APPROVE2", CREATED.plusSeconds(60)))),
				"VaultUnavailable: 503 <!here> sealed");

		assertMatchesGolden("failed", ApprovalBlocks.message(card));
	}

	@Test
	void deniedRequestShowsWhoAndWhy() {
		ApprovalCard pending = card(RiskTier.HIGH, RequestState.DENIED, List.of());
		ApprovalCard card = new ApprovalCard(pending.requestId(), pending.shortId(), pending.ticket(),
				pending.actionType(), pending.actionDescription(), pending.tier(), pending.state(), pending.requester(),
				pending.reason(), null, null, pending.preview(), pending.params(), pending.approvals(),
				pending.expiresAt(), null, "U0APPROVE2", "wrong lease, it belongs to staging", null);

		assertMatchesGolden("denied", ApprovalBlocks.message(card));
	}

	@Test
	void lowTierRequestSaysNoApprovalIsNeeded() {
		assertMatchesGolden("low-executing",
				ApprovalBlocks.message(card(RiskTier.LOW, RequestState.EXECUTING, List.of())));
	}

	@Test
	void denialDialogAsksForAReason() {
		assertMatchesGolden("deny-dialog",
				ApprovalBlocks.denyDialog(card(RiskTier.HIGH, RequestState.PENDING, List.of()), TICKET + "|C0OPS"));
	}

	@Test
	void userTextNeverFormsMentionsOrLinks() {
		String rendered = slackJson
			.toJson(ApprovalBlocks.message(withIncident(card(RiskTier.CRITICAL, RequestState.PENDING, List.of()))));
		JsonNode tree = json.readTree(rendered);

		assertThat(tree.toString()).doesNotContain("<!channel>", "<!here>", "<https://evil")
			.contains("&lt;!channel&gt;");
	}

	@Test
	void threadReplyNamesTheRequestAndItsOutcome() {
		ApprovalCard card = outcome(card(RiskTier.HIGH, RequestState.SUCCEEDED, List.of()),
				"revoked and verified gone");

		assertThat(ApprovalBlocks.threadReply(card)).isEqualTo(
				"`vault.revoke-lease` requested by <@U0APPROVE1> (request `7d2f4c3e`): :white_check_mark: *Succeeded:*"
						+ " revoked and verified gone");
	}

	@Test
	void openRequestsListShowsWhatIsWaitingAndWhatCanBeRequested() {
		String text = ApprovalBlocks.openRequests(List.of(card(RiskTier.HIGH, RequestState.PENDING, List.of())),
				List.of("`noop.echo` (HIGH) — Echo a message"));

		assertThat(text).isEqualTo("*Open action requests*\n"
				+ "• `7d2f4c3e` `vault.revoke-lease` — waiting for 1 more approval, requested by <@U0APPROVE1>,"
				+ " expires <!date^1740824100^{time}|2025-03-01 10:15 UTC>\n"
				+ "*Available actions* (request with `/wk run <action> name=value … -- reason`)\n"
				+ "• `noop.echo` (HIGH) — Echo a message");
	}

	@Test
	void noOpenRequestsIsSaidPlainly() {
		assertThat(ApprovalBlocks.openRequests(List.of(), List.of())).startsWith("*No pending action requests.*");
	}

	static ApprovalCard card(RiskTier tier, RequestState state, List<ApprovalCard.Approver> approvals) {
		return new ApprovalCard("7d2f4c3e-9b1a-4e5f-8c6d-0a1b2c3d4e5f", "7d2f4c3e", TICKET, "vault.revoke-lease",
				"Revoke one Vault lease", tier, state, "U0APPROVE1", "key leaked in CI logs <!channel>", null, null,
				"Revokes lease database/creds/readonly/abc123\n  TTL 42m, issued 2025-03-01T09:00Z\n  ```not a fence```",
				List.of(new ApprovalCard.Param("lease_id", "database/creds/readonly/abc123"),
						new ApprovalCard.Param("note", "<https://evil.example|click me>")),
				approvals, CREATED.plusSeconds(900), state == RequestState.EXECUTING ? CREATED.plusSeconds(90) : null,
				null, null, null);
	}

	static ApprovalCard withIncident(ApprovalCard c) {
		return new ApprovalCard(c.requestId(), c.shortId(), c.ticket(), c.actionType(), c.actionDescription(), c.tier(),
				c.state(), c.requester(), c.reason(), "5b0c2f7e-1d2a-4b3c-9e8f-7a6b5c4d3e2f",
				"https://example.slack.com/archives/C0INCIDENT/p1700000000000100", c.preview(), c.params(),
				c.approvals(), c.expiresAt(), c.executionStartedAt(), c.closedBy(), c.note(), c.outcome());
	}

	static ApprovalCard outcome(ApprovalCard c, String outcome) {
		return new ApprovalCard(c.requestId(), c.shortId(), c.ticket(), c.actionType(), c.actionDescription(), c.tier(),
				c.state(), c.requester(), c.reason(), c.incidentId(), c.incidentLink(), c.preview(), c.params(),
				c.approvals(), c.expiresAt(), CREATED.plusSeconds(90), c.closedBy(), c.note(), outcome);
	}

	static void assertMatchesGolden(String name, Object rendered) {
		JsonNode actual = json.readTree(slackJson.toJson(rendered));
		String resource = "golden/" + name + ".json";
		if (Boolean.getBoolean("golden.update")) {
			write(name, actual);
		}
		try (InputStream in = ApprovalBlocksTests.class.getResourceAsStream(resource)) {
			assertThat(in).as("golden file %s (create it with -Dgolden.update=true)", resource).isNotNull();
			JsonNode expected = json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			assertThat(actual).as("rendering of %s", name).isEqualTo(expected);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void write(String name, JsonNode actual) {
		Path file = Path.of("src/test/resources/dev/watchkeeper/slack/approvals/golden", name + ".json");
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file,
					json.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(actual) + "\n");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
