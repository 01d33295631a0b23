package dev.watchkeeper.slack.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.approvals.ActionExecuted;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.ApprovalTicket;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.core.AuditableEvent;
import dev.watchkeeper.credentials.CredentialRevoked;
import dev.watchkeeper.credentials.FakeVault;
import dev.watchkeeper.credentials.Verification;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.PostgresIntegrationTest;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole path on the real application (embedded PostgreSQL, fake Slack, fake Vault,
 * all over HTTP): a signed {@code /wk revoke lease <id>} → Vault's preview in the
 * approval message → a permitted user's signed Approve click → the revoke in Vault →
 * verified gone → the approval message updated with the verified outcome → audit events.
 */
@PostgresIntegrationTest
@Import(RevokeLeaseEndToEndIntegrationTests.AuditRecorder.class)
class RevokeLeaseEndToEndIntegrationTests {

	static final String CHANNEL = "C0OPS";

	static final String REQUESTER = "U0REQUEST1";

	static final String APPROVER = "U0APPROVE1";

	static final Duration WAIT = Duration.ofSeconds(20);

	static final FakeVault vault = new FakeVault();

	static final String watchkeeperToken = token(vault);

	static final AtomicLong clicks = new AtomicLong(1_700_000_000_000_000L);

	@LocalServerPort
	int port;

	@Autowired
	Approvals approvals;

	@Autowired
	AuditRecorder audit;

	@Autowired
	HealthIndicator vaultHealthIndicator;

	final ObjectMapper json = new ObjectMapper();

	@DynamicPropertySource
	static void vaultAndApprovers(DynamicPropertyRegistry registry) {
		registry.add("watchkeeper.vault.address", vault::address);
		registry.add("watchkeeper.vault.token", () -> watchkeeperToken);
		registry.add("watchkeeper.vault.read-timeout", () -> "3s");
		registry.add("watchkeeper.approvals.approvers", () -> APPROVER);
	}

	@AfterAll
	static void stopVault() {
		vault.close();
	}

	@BeforeEach
	void reset() {
		FakeSlackApi.shared().reset();
		audit.events.clear();
	}

	@Test
	void revokeLeaseFromSlackIsPreviewedApprovedRevokedVerifiedAndAudited() throws Exception {
		String lease = vault.seedLease("database/creds/readonly", Duration.ofHours(1));

		HttpResponse<String> ack = command("revoke lease " + lease + " -- leaked in a CI log");

		assertThat(ack.statusCode()).isEqualTo(200);
		assertThat(ack.body()).contains("Asking Vault about this lease");
		String approvalMessage = await().atMost(WAIT)
			.until(() -> posted("Revoke Vault lease " + lease), Optional::isPresent)
			.get();
		ApprovalTicket ticket = ApprovalTicket.parse(approveButtonValue(approvalMessage)).orElseThrow();
		ActionRequest request = approvals.find(ticket.id()).orElseThrow();
		assertThat(request.actionType()).isEqualTo("vault.revoke-lease");
		assertThat(request.tier().name()).isEqualTo("HIGH");
		assertThat(approvalMessage).contains("secrets engine path: database/creds/readonly")
			.contains("leaked in a CI log");
		await().atMost(WAIT)
			.until(() -> answers().stream().anyMatch(a -> a.contains("Requested `vault.revoke-lease`")));
		assertThat(vault.leaseExists(lease)).as("nothing happens before approval").isTrue();

		HttpResponse<String> click = approve(ticket.format(), APPROVER);

		assertThat(click.statusCode()).isEqualTo(200);
		ActionRequest done = await().atMost(WAIT)
			.until(() -> approvals.find(request.id()).orElseThrow(), r -> r.state().isFinal());
		assertThat(done.state()).isEqualTo(RequestState.SUCCEEDED);
		assertThat(done.outcome()).isEqualTo("revoked and verified gone");
		assertThat(vault.leaseExists(lease)).isFalse();
		assertThat(vault.requests("POST", "sys/leases/revoke")).hasSize(1);
		await().atMost(WAIT)
			.until(() -> FakeSlackApi.shared()
				.successfulCalls("chat.update")
				.stream()
				.anyMatch(c -> c.param("blocks").contains(request.id().shortForm())
						&& (c.param("blocks") + c.param("text")).contains("revoked and verified gone")));
		CredentialRevoked revoked = await().atMost(WAIT)
			.until(() -> audit.first(CredentialRevoked.class), Optional::isPresent)
			.get();
		assertThat(revoked.verification()).isEqualTo(Verification.CONFIRMED);
		assertThat(revoked.actor()).isEqualTo(APPROVER);
		assertThat(revoked.subject()).isEqualTo(request.id().value().toString());
		assertThat(revoked.sensitiveIdentifiers()).containsEntry("lease_id", lease);
		assertThat(revoked.details().toString()).doesNotContain(lease);
		await().atMost(WAIT).until(() -> audit.first(ActionExecuted.class), Optional::isPresent);
	}

	@Test
	void unknownLeaseIsRefusedBeforeAnyoneIsAskedToApprove() {
		command("revoke lease database/creds/readonly/never-existed-0000");

		await().atMost(WAIT)
			.until(() -> answers().stream()
				.anyMatch(a -> a.contains(
						"Not requested: lease database/creds/readonly/never-existed-0000 not found " + "in Vault")));
		assertThat(FakeSlackApi.shared().calls("chat.postMessage")).isEmpty();
	}

	@Test
	void aPastedTokenIsRefusedAtOnceAndNeverSentToVault() {
		vault.clearRequests();

		HttpResponse<String> ack = command("revoke accessor hvs.CAESIJlWh3Vp8Lp7vAbCdEf");

		assertThat(ack.body()).contains("looks like a Vault token, not an accessor").contains("Usage: `/wk revoke");
		assertThat(vault.requests()).noneMatch(r -> r.body().contains("hvs.CAESIJ"));
	}

	@Test
	void vaultHealthIsUpWithTheLeastPrivilegePolicy() {
		assertThat(vaultHealthIndicator.health().getStatus()).isEqualTo(Status.UP);
	}

	// --- Slack's side
	// --------------------------------------------------------------------------------------------

	private HttpResponse<String> command(String text) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("token", "legacy-verification-token");
		form.put("team_id", FakeSlackApi.TEAM_ID);
		form.put("team_domain", "example");
		form.put("channel_id", CHANNEL);
		form.put("channel_name", "ops");
		form.put("user_id", REQUESTER);
		form.put("user_name", "requester");
		form.put("command", "/wk");
		form.put("text", text);
		form.put("api_app_id", "A0APP");
		form.put("response_url", FakeSlackApi.shared().responseUrl());
		form.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
		return SlackRequestSigner.withTestSecret().postForm(events(), form);
	}

	private HttpResponse<String> approve(String ticket, String user) throws Exception {
		String actionTs = nextActionTs();
		ObjectNode payload = json.createObjectNode();
		payload.put("type", "block_actions");
		payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "example");
		payload.putObject("user").put("id", user).put("username", "approver").put("team_id", FakeSlackApi.TEAM_ID);
		payload.put("api_app_id", "A0APP");
		payload.put("token", "legacy-verification-token");
		String messageTs = FakeSlackApi.shared().successfulCalls("chat.postMessage").get(0).ts();
		payload.putObject("container").put("type", "message").put("message_ts", messageTs).put("channel_id", CHANNEL);
		payload.put("trigger_id", "trigger-" + actionTs);
		payload.putObject("channel").put("id", CHANNEL).put("name", "ops");
		payload.putObject("message").put("type", "message").put("ts", messageTs).put("text", "approval");
		payload.put("response_url", FakeSlackApi.shared().responseUrl());
		ObjectNode action = payload.putArray("actions").addObject();
		action.put("action_id", "approval:approve");
		action.put("block_id", "approval:actions");
		action.putObject("text").put("type", "plain_text").put("text", "Approve");
		action.put("value", ticket);
		action.put("type", "button");
		action.put("action_ts", actionTs);
		byte[] body = ("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8);
		SlackRequestSigner signer = SlackRequestSigner.withTestSecret();
		String ts = Long.toString(Instant.now().getEpochSecond());
		HttpRequest request = HttpRequest.newBuilder(events())
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Slack-Request-Timestamp", ts)
			.header("X-Slack-Signature", signer.signature(ts, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI events() {
		return URI.create("http://127.0.0.1:" + port + "/slack/events");
	}

	private static String nextActionTs() {
		long value = clicks.incrementAndGet();
		return (value / 1_000_000) + "." + String.format("%06d", value % 1_000_000);
	}

	private Optional<String> posted(String containing) {
		return FakeSlackApi.shared()
			.successfulCalls("chat.postMessage")
			.stream()
			.map(c -> c.param("blocks"))
			.filter(blocks -> blocks.contains(containing))
			.findFirst();
	}

	private String approveButtonValue(String blocks) {
		for (JsonNode block : json.readTree(blocks)) {
			for (JsonNode element : block.path("elements")) {
				if ("approval:approve".equals(element.path("action_id").asString())) {
					return element.path("value").asString();
				}
			}
		}
		throw new AssertionError("no Approve button in " + blocks);
	}

	private List<String> answers() {
		return FakeSlackApi.shared().calls("response_url").stream().map(c -> c.param("text")).toList();
	}

	/** Watchkeeper logs in with a token holding exactly the least-privilege policy. */
	private static String token(FakeVault vault) {
		try {
			HttpClient http = HttpClient.newHttpClient();
			String policy = new ObjectMapper().writeValueAsString(Map.of("policy", """
					path "sys/leases/lookup" { capabilities = ["update"] }
					path "sys/leases/revoke" { capabilities = ["update"] }
					path "sys/leases/lookup/*" { capabilities = ["list", "sudo"] }
					path "sys/leases/revoke-prefix/*" { capabilities = ["update", "sudo"] }
					path "auth/token/lookup-accessor" { capabilities = ["update"] }
					path "auth/token/revoke-accessor" { capabilities = ["update"] }
					path "database/static-roles/*" { capabilities = ["read"] }
					path "database/rotate-role/*" { capabilities = ["update"] }
					"""));
			http.send(HttpRequest.newBuilder(URI.create(vault.address() + "/v1/sys/policies/acl/watchkeeper"))
				.header("X-Vault-Token", FakeVault.ROOT_TOKEN)
				.POST(HttpRequest.BodyPublishers.ofString(policy))
				.build(), HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> created = http
				.send(HttpRequest.newBuilder(URI.create(vault.address() + "/v1/auth/token/create"))
					.header("X-Vault-Token", FakeVault.ROOT_TOKEN)
					.POST(HttpRequest.BodyPublishers.ofString("{\"policies\":[\"watchkeeper\"],\"ttl\":\"1h\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			return new ObjectMapper().readTree(created.body()).path("auth").path("client_token").asString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Records the auditable events as the audit module would receive them. */
	@TestConfiguration
	static class AuditRecorder {

		final List<AuditableEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(AuditableEvent event) {
			events.add(event);
		}

		<T> Optional<T> first(Class<T> type) {
			return events.stream().filter(type::isInstance).map(type::cast).findFirst();
		}

	}

}
