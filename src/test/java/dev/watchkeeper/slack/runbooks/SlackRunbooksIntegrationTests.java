package dev.watchkeeper.slack.runbooks;

import static dev.watchkeeper.alerts.AlertHooks.alert;
import static dev.watchkeeper.alerts.AlertHooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.alerts.AlertHooks;
import dev.watchkeeper.alerts.AlertsIntegrationTest;
import dev.watchkeeper.alerts.MovableClock;
import dev.watchkeeper.alerts.SlackActivity;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.FakeSlackApi.SlackCall;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runbook suggestions end to end: an Alertmanager webhook over real HTTP opens an
 * incident, the suggestions land in its thread in the fake Slack, a signed click on "Run"
 * creates an approval request, and {@code /wk runbook} searches. The catalog is a test
 * directory with a {@code noop.echo} step.
 */
@AlertsIntegrationTest
// the reviewer token of @AlertsIntegrationTest is shorter than the 32 characters
// AuditProperties now requires
@TestPropertySource(properties = { "watchkeeper.approvals.approvers=U0APPROVE1",
		"watchkeeper.audit.reviewer-token=test-reviewer-token-0123456789abcdef0123" })
class SlackRunbooksIntegrationTests {

	static final String TITLE = "Test pod is crash-looping";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	private final FakeSlackApi fake = FakeSlackApi.shared();

	private final SlackActivity activity = new SlackActivity(fake);

	private final String test = UUID.randomUUID().toString().substring(0, 8);

	private AlertHooks hooks;

	@DynamicPropertySource
	static void runbooks(DynamicPropertyRegistry registry) {
		registry.add("watchkeeper.runbooks.dir", SlackRunbooksIntegrationTests::runbookDir);
	}

	static String runbookDir() {
		try {
			Path dir = Files.createTempDirectory("wk-runbooks");
			Files.writeString(dir.resolve("test-crash-loop.md"), """
					---
					id: test-crash-loop
					title: %s
					owner: test-team
					severity: warning
					match:
					  - alertname=KubePodCrashLooping
					keywords:
					  - crash loop
					---

					# Test pod is crash-looping

					## Steps

					1. **Read the last state** of `{{ labels.pod }}`: {{ annotations.description }}
					   ```bash
					   kubectl -n {{ labels.namespace }} describe pod {{ labels.pod }}
					   ```
					2. Echo the pod name.
					   ```action
					   type: noop.echo
					   message: restarting {{ labels.pod }}
					   ```
					3. Echo the lease.
					   ```action
					   type: noop.echo
					   message: "{{ annotations.lease_id }}"
					   ```
					4. Echo the description.
					   ```action
					   type: noop.echo
					   message: "{{ annotations.description }}"
					   ```
					""".formatted(TITLE));
			Files.writeString(dir.resolve("disk.md"), """
					---
					id: disk-full
					title: Disk almost full
					owner: storage
					severity: warning
					keywords:
					  - disk
					---

					## Steps

					1. Find what grew: `du -xh / | sort -h | tail`.
					""");
			return dir.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void setUp() {
		hooks = new AlertHooks(port);
		fake.reset();
	}

	@Test
	void crashLoopingIncidentGetsOneThreadReplyWithTheRunbookAndRunButtons() {
		Opened opened = open("<!channel> pod keeps restarting");

		SlackCall reply = awaitSuggestions(opened);
		List<String> strings = SlackActivity.strings(reply);
		String all = String.join("\n", strings);
		assertThat(all)
			.contains(TITLE, "owner test-team", "severity warning", "alertname=KubePodCrashLooping",
					"*Read the last state*", "`api-7f9c`", "kubectl -n payments describe pod api-7f9c")
			.doesNotContain("**Read")
			.contains("&lt;!channel&gt; pod keeps restarting")
			.contains("Needs input (`annotations.lease_id`)", "/wk run noop.echo message=…");
		assertThat(runButtons(reply)).containsExactly(
				"test-crash-loop|2|" + opened.incident() + "|" + opened.fingerprint(),
				"test-crash-loop|4|" + opened.incident() + "|" + opened.fingerprint());
		assertThat(JSON.readTree(reply.param("blocks")).size()).isLessThanOrEqualTo(50);
		SlackActivity.awaitIdle(jdbc);
		assertThat(activity.replies(opened.ts()).stream().filter(c -> c.param("text").contains(TITLE))).hasSize(1);
	}

	@Test
	void alertTextNeverReachesSlackUnescaped() {
		Opened opened = open("<!channel> wake everyone <@U0BOSS>");
		awaitSuggestions(opened);
		SlackActivity.awaitIdle(jdbc);

		for (SlackCall call : fake.successfulCalls("chat.postMessage")) {
			assertThat(String.join("\n", SlackActivity.strings(call))).doesNotContain("<!channel>", "<@U0BOSS>");
		}
	}

	@Test
	void runClickCreatesAnApprovalRequestInTheIncidentThread() {
		Opened opened = open("restarting");
		SlackCall reply = awaitSuggestions(opened);
		String value = runButtons(reply).get(0);

		HttpResponse<String> ack = click(value, "U0ONCALL1", reply);

		assertThat(ack.statusCode()).isEqualTo(200);
		SlackCall approval = await().atMost(WAIT)
			.until(() -> fake.successfulCalls("chat.postMessage")
				.stream()
				.filter(c -> c.param("blocks").contains("approval:approve") && c.param("blocks").contains("noop.echo"))
				.filter(c -> c.param("blocks").contains("runbook test-crash-loop step 2"))
				.findFirst(), java.util.Optional::isPresent)
			.get();
		assertThat(approval.param("channel")).isEqualTo("C0ROOMA");
		assertThat(approval.param("blocks")).contains("approval:deny", "restarting api-7f9c");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM action_request WHERE incident_id = ?")
			.param(opened.incident().value())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void refusedRequestIsAnsweredToTheClickerOnly() {
		Opened opened = open("x".repeat(300)); // noop.echo takes at most 200 characters
		SlackCall reply = awaitSuggestions(opened);
		String step4 = runButtons(reply).get(1);

		assertThat(click(step4, "U0ONCALL1", reply).statusCode()).isEqualTo(200);

		await().atMost(WAIT)
			.until(() -> fake.calls("response_url")
				.stream()
				.anyMatch(c -> c.param("text").startsWith(":no_entry_sign: Not requested:")));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM action_request WHERE incident_id = ?")
			.param(opened.incident().value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void malformedRunValueIsAnsweredAndRequestsNothing() {
		Opened opened = open("restarting");
		SlackCall reply = awaitSuggestions(opened);

		assertThat(click("test-crash-loop|x|nope", "U0ONCALL1", reply).statusCode()).isEqualTo(200);

		await().atMost(WAIT)
			.until(() -> fake.calls("response_url").stream().anyMatch(c -> c.param("text").contains("malformed")));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM action_request WHERE incident_id = ?")
			.param(opened.incident().value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void runbookCommandFindsTheRunbookByText() {
		String text = command("crash loop");

		assertThat(text).contains(TITLE, "test-crash-loop", "*1.* *Read the last state*")
			.doesNotContain("Disk almost full");
	}

	@Test
	void runbookCommandSearchesSyntaxCharactersAsText() {
		assertThat(command("\"AND (*")).satisfiesAnyOf(t -> assertThat(t).startsWith("No runbook matches"),
				t -> assertThat(t).startsWith("*Runbooks for*"));
		assertThat(command("<!channel> AND OR ~ ^ [ {")).doesNotContain("<!channel>").doesNotContain("search failed");
	}

	@Test
	void emptyRunbookCommandShowsUsage() {
		assertThat(command("")).startsWith("Usage: `/wk runbook <query>`");
	}

	private String command(String query) {
		HttpResponse<String> response = SlackRequestSigner.withTestSecret()
			.at(clock.instant())
			.slashCommand(events(), "/wk", ("runbook " + query).strip(), "U0ONCALL1", "C0ROOMA");
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).get("text").asString();
	}

	private HttpResponse<String> click(String value, String user, SlackCall message) {
		ObjectNode payload = JSON.createObjectNode();
		payload.put("type", "block_actions");
		payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "example");
		payload.putObject("user").put("id", user).put("username", "oncall").put("team_id", FakeSlackApi.TEAM_ID);
		payload.put("api_app_id", "A0APP");
		payload.put("token", "legacy-verification-token");
		payload.putObject("container")
			.put("type", "message")
			.put("message_ts", message.ts())
			.put("channel_id", message.param("channel"))
			.put("is_ephemeral", false);
		payload.put("trigger_id", "trigger-" + test);
		payload.putObject("channel").put("id", message.param("channel")).put("name", "room-a");
		payload.putObject("message").put("type", "message").put("ts", message.ts()).put("text", "runbooks");
		payload.put("response_url", fake.responseUrl());
		ObjectNode action = payload.putArray("actions").addObject();
		action.put("action_id", SuggestionBlocks.RUN);
		action.put("block_id", "b1");
		action.putObject("text").put("type", "plain_text").put("text", "Run");
		action.put("value", value);
		action.put("type", "button");
		action.put("action_ts", clock.instant().getEpochSecond() + ".000001");
		return SlackRequestSigner.withTestSecret().at(clock.instant()).interaction(events(), payload.toString());
	}

	private URI events() {
		return URI.create("http://127.0.0.1:" + port + "/slack/events");
	}

	private Opened open(String description) {
		Instant start = clock.instant().minusSeconds(300);
		Map<String, String> labels = Map.of("alertname", "KubePodCrashLooping", "severity", "warning", "room", "a",
				"namespace", "payments", "pod", "api-7f9c", "test", test);
		HttpResponse<String> response = hooks
			.alertmanager(payload("{}:{test=\"" + test + "\"}", Map.of("test", test), List.of(alert("firing", labels,
					Map.of("description", description, "summary", "Pod crash-looping"), start, null))));
		assertThat(response.statusCode()).isEqualTo(202);
		IncidentId id = IncidentId.parse(JSON.readTree(response.body()).get("incidents").get(0).asString());
		String fingerprint = jdbc.sql("SELECT fingerprint FROM incident_alert WHERE incident_id = ?")
			.param(id.value())
			.query(String.class)
			.single();
		String ts = await().atMost(WAIT)
			.until(() -> jdbc.sql("SELECT ts FROM slack_message WHERE message_key = ?")
				.param("incident:" + id)
				.query(String.class)
				.optional(), java.util.Optional::isPresent)
			.get();
		return new Opened(id, fingerprint, ts);
	}

	private SlackCall awaitSuggestions(Opened opened) {
		return await().atMost(WAIT)
			.until(() -> activity.replies(opened.ts())
				.stream()
				.filter(c -> c.param("text").contains(TITLE))
				.findFirst(), java.util.Optional::isPresent)
			.get();
	}

	private static List<String> runButtons(SlackCall call) {
		List<String> values = new ArrayList<>();
		for (JsonNode block : JSON.readTree(call.param("blocks"))) {
			JsonNode accessory = block.get("accessory");
			if (accessory != null && SuggestionBlocks.RUN.equals(accessory.path("action_id").asString())) {
				values.add(accessory.get("value").asString());
			}
		}
		return values;
	}

	record Opened(IncidentId incident, String fingerprint, String ts) {
	}

}
