package dev.watchkeeper.alerts;

import static dev.watchkeeper.alerts.AlertHooks.alert;
import static dev.watchkeeper.alerts.AlertHooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.FakeSlackApi.SlackCall;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts in through the real webhook, incidents out as one living Slack message each, in
 * the fake Slack.
 */
@AlertsIntegrationTest
class AlertWebhookIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	Incidents incidents;

	private final FakeSlackApi fake = FakeSlackApi.shared();

	private final SlackActivity slack = new SlackActivity(fake);

	private AlertHooks hooks;

	private final String test = UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void setUp() {
		hooks = new AlertHooks(port);
		fake.reset();
	}

	@AfterEach
	void drain() {
		SlackActivity.awaitIdle(jdbc);
	}

	@Test
	void capturedAlertmanagerNotificationsBecomeOneLivingMessage() {
		HttpResponse<String> firing = hooks.alertmanager(AlertHooks.uniqueFixture("alertmanager-firing.json", test));

		assertThat(firing.statusCode()).isEqualTo(202);
		JsonNode accepted = JSON.readTree(firing.body());
		assertThat(accepted.get("status").asString()).isEqualTo("accepted");
		assertThat(accepted.get("alerts").asInt()).isEqualTo(2);
		IncidentId id = IncidentId.parse(accepted.get("incidents").get(0).asString());
		String marker = "checkout-" + test;
		await().until(() -> slack.posts(marker).size() == 1);
		SlackCall post = slack.posts(marker).get(0);
		assertThat(post.param("channel")).isEqualTo(AlertHooks.DEFAULT_CHANNEL);
		assertThat(post.param("text")).startsWith(":red_circle: [FIRING] KubePodCrashLooping — 2 firing, 0 resolved");

		hooks.alertmanager(AlertHooks.uniqueFixture("alertmanager-partially-resolved.json", test));
		await().until(() -> text(slack.latest(post)).contains("1 firing, 1 resolved"));

		hooks.alertmanager(AlertHooks.uniqueFixture("alertmanager-resolved.json", test));
		await().until(() -> text(slack.latest(post)).contains("[RESOLVED]") && slack.replies(post.ts()).size() == 1);
		assertThat(slack.replies(post.ts()).get(0).param("text")).startsWith(":white_check_mark: Resolved after ");
		assertThat(slack.posts(marker)).as("one message per incident, edited in place").hasSize(1);
		Incident incident = incidents.find(id).orElseThrow();
		assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(incident.alerts()).hasSize(2).allMatch(a -> a.status() == AlertStatus.RESOLVED);
		assertThat(incident.resolvedAt()).isNotNull();
	}

	@Test
	void identicalRedeliveryCreatesNoNewMessage() {
		String json = AlertHooks.uniqueFixture("alertmanager-firing.json", test);
		hooks.alertmanager(json);
		await().until(() -> slack.posts("checkout-" + test).size() == 1);
		SlackActivity.awaitIdle(jdbc);
		long outboxRows = count("SELECT COUNT(*) FROM slack_outbox");
		long events = count("SELECT COUNT(*) FROM event_publication");

		HttpResponse<String> again = hooks.alertmanager(json);

		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(again.body()).get("incidents").size()).as("no incident changed").isZero();
		assertThat(count("SELECT COUNT(*) FROM event_publication")).as("nothing published").isEqualTo(events);
		assertThat(count("SELECT COUNT(*) FROM slack_outbox")).as("nothing queued for Slack").isEqualTo(outboxRows);
		assertThat(slack.posts("checkout-" + test)).hasSize(1);
	}

	@Test
	void grafanaNotificationsBecomeIncidentsToo() {
		HttpResponse<String> response = hooks.grafana(AlertHooks.uniqueFixture("grafana-firing.json", "Storage", test));

		assertThat(response.statusCode()).isEqualTo(202);
		await().until(() -> slack.posts("Storage-" + test).size() == 1);
		SlackCall post = slack.posts("Storage-" + test).get(0);
		assertThat(post.param("text")).startsWith(":large_yellow_circle: [FIRING] DiskAlmostFull — 2 firing");
		assertThat(post.param("blocks")).contains("grafana.example.com/alerting/silence/new");
	}

	@Test
	void aNewCriticalAlertIsAnnouncedInTheThread() {
		Instant start = clock.instant().minusSeconds(60);
		Map<String, Object> warning = alert("firing", labels("Latency", "warning", "api-1"), Map.of(), start, null);
		Map<String, Object> critical = alert("firing", labels("Latency", "critical", "api-2"),
				Map.of("summary", "p99 above 5s"), start, null);
		hooks.alertmanager(group("latency", List.of(warning)));
		await().until(() -> slack.posts(test).size() == 1);
		SlackCall post = slack.posts(test).get(0);

		hooks.alertmanager(group("latency", List.of(warning, critical)));

		await().until(() -> slack.replies(post.ts()).size() == 1);
		assertThat(slack.replies(post.ts()).get(0).param("text"))
			.isEqualTo(":rotating_light: New critical alert\n• `Latency` on api-2 — p99 above 5s");
		await().until(() -> text(slack.latest(post)).contains(":red_circle: [FIRING]"));
		assertThat(slack.posts(test)).hasSize(1);
	}

	@Test
	void aGroupFiringAgainSoonReopensItsIncident() {
		Instant start = clock.instant().minusSeconds(60);
		String firing = group("bounce",
				List.of(alert("firing", labels("Bounce", "warning", "a"), Map.of(), start, null)));
		String resolved = group("bounce",
				List.of(alert("resolved", labels("Bounce", "warning", "a"), Map.of(), start, clock.instant())));
		String first = incidentOf(hooks.alertmanager(firing));
		hooks.alertmanager(resolved);

		String again = incidentOf(hooks.alertmanager(firing));

		assertThat(again).isEqualTo(first);
		await().until(() -> slack.posts(test).size() == 1 && slack.replies(slack.posts(test).get(0).ts()).size() == 2);
		SlackCall post = slack.posts(test).get(0);
		assertThat(slack.replies(post.ts())).extracting(c -> c.param("text"))
			.containsExactly(":white_check_mark: Resolved after 1m.", ":repeat: Firing again: the incident reopened.");
		assertThat(slack.replies(post.ts()).get(1).param("reply_broadcast")).as("also shown in the channel")
			.isIn("1", "true");
		await().until(() -> text(slack.latest(post)).contains("[FIRING]"));
	}

	@Test
	void aGroupFiringAgainLaterOpensANewIncident() {
		Instant start = clock.instant().minusSeconds(60);
		String firing = group("later",
				List.of(alert("firing", labels("Later", "warning", "a"), Map.of(), start, null)));
		String first = incidentOf(hooks.alertmanager(firing));
		hooks.alertmanager(group("later",
				List.of(alert("resolved", labels("Later", "warning", "a"), Map.of(), start, clock.instant()))));
		SlackActivity.awaitIdle(jdbc);

		clock.advance(Duration.ofMinutes(31));
		String second = incidentOf(hooks.alertmanager(group("later",
				List.of(alert("firing", labels("Later", "warning", "a"), Map.of(), clock.instant(), null)))));

		assertThat(second).isNotEqualTo(first);
		await().until(() -> slack.posts(test).size() == 2);
		assertThat(incidents.find(IncidentId.parse(first)).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(incidents.find(IncidentId.parse(second)).orElseThrow().status()).isEqualTo(IncidentStatus.OPEN);
	}

	@Test
	void aFlappingAlertIsMarkedRatherThanAnnouncedEachTime() {
		Instant start = clock.instant().minusSeconds(60);
		String id = null;
		for (int i = 0; i < 7; i++) {
			boolean fire = i % 2 == 0;
			Map<String, Object> alert = alert(fire ? "firing" : "resolved", labels("Flap", "warning", "a"), Map.of(),
					start, fire ? null : clock.instant());
			id = incidentOf(hooks.alertmanager(group("flap", List.of(alert))));
		}
		SlackActivity.awaitIdle(jdbc);

		Incident incident = incidents.find(IncidentId.parse(id)).orElseThrow();
		assertThat(incident.flapping()).isTrue();
		SlackCall post = slack.posts(test).get(0);
		assertThat(slack.posts(test)).hasSize(1);
		assertThat(slack.replies(post.ts())).as("4 changes announced, then the alert counts as flapping").hasSize(4);
		assertThat(text(slack.latest(post))).contains(":repeat: *Flapping*");
	}

	@Test
	void anEmptyNotificationIsAcceptedAndPostsNothing() {
		HttpResponse<String> response = hooks.alertmanager("""
				{"receiver": "wk", "status": "firing", "alerts": [], "groupKey": "{}:{empty}", "version": "4"}""");

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(response.body()).get("alerts").asInt()).isZero();
		assertThat(JSON.readTree(response.body()).get("incidents").size()).isZero();
	}

	@Test
	void alertTextNeverPingsAnyone() {
		Map<String, Object> hostile = alert("firing", labels("Hostile", "critical", "<@U0ADMIN>"), Map.of("summary",
				"<!channel> & <!here> see <https://evil.example|this>", "description", "@here <!subteam^S0ONCALL>"),
				clock.instant(), null);

		hooks.alertmanager(group("hostile", List.of(hostile)));

		await().until(() -> slack.posts(test).size() == 1);
		List<String> strings = SlackActivity.strings(slack.posts(test).get(0));
		assertThat(strings).noneMatch(s -> s.contains("<!") || s.contains("<@") || s.contains("<https://evil"));
		assertThat(String.join("\n", strings)).contains("&lt;!channel&gt; &amp; &lt;!here&gt;").doesNotContain("@here");
	}

	@Test
	void secretsInAlertsAreRedactedBeforeTheyReachSlack() {
		Map<String, Object> leaky = alert("firing", labels("DbLogin", "critical", "db-1"),
				Map.of("summary", "login failed for postgres://app:hunter2@db:5432/orders"), clock.instant(), null);

		hooks.alertmanager(group("leaky", List.of(leaky)));

		await().until(() -> slack.posts(test).size() == 1);
		String posted = text(slack.posts(test).get(0));
		assertThat(posted).doesNotContain("hunter2").contains("[REDACTED:url-credentials]");
	}

	@Test
	void aThousandAlertGroupIsOneMessageWithinSlackLimits() {
		Instant start = clock.instant().minusSeconds(600);
		List<Map<String, Object>> alerts = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			alerts.add(alert("firing", labels("Storm", i % 100 == 0 ? "critical" : "warning", "pod-" + i),
					Map.of("summary", "pod-" + i + " is down"), start, null));
		}

		assertThat(hooks.alertmanager(group("storm", alerts)).statusCode()).isEqualTo(202);

		await().until(() -> slack.posts(test).size() == 1);
		JsonNode blocks = JSON.readTree(slack.posts(test).get(0).param("blocks"));
		assertThat(blocks.size()).isLessThanOrEqualTo(50);
		blocks.forEach(block -> {
			if (block.has("text")) {
				assertThat(block.get("text").get("text").asString().length()).isLessThanOrEqualTo(3000);
			}
		});
		assertThat(text(slack.posts(test).get(0))).contains("1000 firing").contains("more");
	}

	@Test
	void refusesMissingOrWrongTokens() {
		byte[] body = AlertHooks.fixture("alertmanager-firing.json").getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> missing = hooks.post("/hooks/alertmanager", "application/json", body, null);
		HttpResponse<String> wrong = hooks.post("/hooks/alertmanager", "application/json", body, "not-the-token");

		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"watchkeeper\"");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(wrong.body()).get("error").asString()).isEqualTo("unauthorized");
	}

	@Test
	void malformedJsonIsA400NamingTheProblem() {
		HttpResponse<String> broken = hooks.alertmanager("{\"alerts\": [ {\"labels\": ");
		HttpResponse<String> wrongType = hooks.grafana("{\"alerts\": [{\"labels\": {\"alertname\": [1]}}]}");

		assertThat(broken.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(broken.body()).get("error").asString()).isEqualTo("malformed_payload");
		assertThat(JSON.readTree(broken.body()).get("detail").asString()).startsWith("not valid JSON at line 1");
		assertThat(wrongType.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(wrongType.body()).get("detail").asString())
			.isEqualTo("alerts[0].labels.alertname must be a string, not an array");
	}

	@Test
	void refusesBodiesThatAreNotJson() {
		HttpResponse<String> response = hooks.post("/hooks/alertmanager", "text/plain",
				"alerts!".getBytes(StandardCharsets.UTF_8), AlertHooks.TOKEN);

		assertThat(response.statusCode()).isEqualTo(415);
	}

	@Test
	void bodiesOverTheLimitAre413WithOrWithoutContentLength() {
		// test limit: 1 MB; Tomcat still drains up to 2 MB, so the client reads the
		// answer
		byte[] big = ("{\"alerts\": [], \"padding\": \"" + "x".repeat(1_200_000) + "\"}")
			.getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> declared = hooks.post("/hooks/alertmanager", "application/json", big, AlertHooks.TOKEN);
		HttpResponse<String> streamed = hooks.postChunked("/hooks/alertmanager", big, AlertHooks.TOKEN);

		assertThat(declared.statusCode()).isEqualTo(413);
		assertThat(JSON.readTree(declared.body()).get("error").asString()).isEqualTo("payload_too_large");
		assertThat(streamed.statusCode()).isEqualTo(413);
	}

	private Map<String, String> labels(String alertname, String severity, String instance) {
		return Map.of("alertname", alertname, "severity", severity, "instance", instance, "test", test);
	}

	private String group(String name, List<Map<String, Object>> alerts) {
		return payload("{}:{test=\"" + test + "\", group=\"" + name + "\"}", Map.of("test", test), alerts);
	}

	private static String incidentOf(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode incidents = JSON.readTree(response.body()).get("incidents");
		return incidents.isEmpty() ? null : incidents.get(0).asString();
	}

	private static String text(SlackCall call) {
		return String.join("\n", SlackActivity.strings(call));
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
