package dev.watchkeeper.ha;

import static dev.watchkeeper.alerts.AlertHooks.alert;
import static dev.watchkeeper.alerts.AlertHooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.alerts.AlertHooks;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.approvals.RequestResult;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.SlackPayloads;
import dev.watchkeeper.testkit.FakeSlackApi.SlackCall;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas behind a load balancer on one PostgreSQL: an incident gets one Slack
 * message whichever replica the webhooks reach, and concurrent approval clicks spread
 * over both replicas execute the action once.
 */
class TwoReplicasIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CHANNEL = "C0HAROOM";

	private static final List<SlackUserId> APPROVERS = IntStream.rangeClosed(1, 20)
		.mapToObj(i -> new SlackUserId(String.format("U0HAAPP%02d", i)))
		.toList();

	private static final Duration WAIT = Duration.ofSeconds(60);

	static TwoInstances replicas;

	private final FakeSlackApi fake = FakeSlackApi.shared();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeAll
	static void start() {
		replicas = new TwoInstances("watchkeeper.alerts.webhook-token=" + AlertHooks.TOKEN,
				"watchkeeper.alerts.default-channel=" + CHANNEL,
				"watchkeeper.approvals.approvers="
						+ String.join(",", APPROVERS.stream().map(SlackUserId::value).toList()),
				"watchkeeper.slack.outbox.channel-interval=20ms", "watchkeeper.slack.outbox.poll-interval=20ms");
	}

	@AfterAll
	static void stop() {
		replicas.close();
	}

	@Test
	void anIncidentGetsOneMessageWhicheverReplicaTheWebhooksReach() {
		String test = UUID.randomUUID().toString().substring(0, 8);
		String groupKey = "{}:{test=\"" + test + "\"}";
		Instant start = Instant.now().minusSeconds(120);
		String first = payload(groupKey, Map.of("test", test), List.of(firing(test, "PodsDown", "critical", start)));

		// the same notification to replica 0, then re-delivered to replica 1
		assertThat(hooks(0).alertmanager(first).statusCode()).isEqualTo(202);
		assertThat(hooks(1).alertmanager(first).statusCode()).isEqualTo(202);
		// then different notifications of the same group, alternately
		for (int i = 0; i < 6; i++) {
			List<Map<String, Object>> alerts = new ArrayList<>();
			alerts.add(firing(test, "PodsDown", "critical", start));
			for (int j = 0; j <= i; j++) {
				alerts.add(firing(test, "Extra" + j, "warning", start.plusSeconds(j)));
			}
			assertThat(hooks(i % 2).alertmanager(payload(groupKey, Map.of("test", test), alerts)).statusCode())
				.isEqualTo(202);
		}

		JdbcClient jdbc = jdbc();
		await().atMost(WAIT)
			.until(() -> jdbc.sql("SELECT COUNT(*) FROM slack_outbox WHERE status IN" + " ('PENDING', 'SENDING')")
				.query(Long.class)
				.single() == 0 && posts(test).size() >= 1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM incident WHERE group_key = ?")
			.param(groupKey)
			.query(Long.class)
			.single()).isEqualTo(1);
		List<SlackCall> posts = posts(test);
		assertThat(posts).hasSize(1);
		// later notifications edit that one message in place
		assertThat(fake.successfulCalls("chat.update"))
			.anyMatch(c -> c.ts().equals(posts.get(0).ts()) || c.param("ts").equals(posts.get(0).ts()));
	}

	@Test
	void theSameNotificationReachingBothReplicasAtOnceGetsOneMessage() throws Exception {
		String test = UUID.randomUUID().toString().substring(0, 8);
		String groupKey = "{}:{test=\"" + test + "\"}";
		String body = payload(groupKey, Map.of("test", test),
				List.of(firing(test, "RaceDown", "critical", Instant.now().minusSeconds(60))));
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService senders = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int replica = 0; replica < 2; replica++) {
				int target = replica;
				statuses.add(senders.submit(() -> {
					go.await();
					int status = hooks(target).alertmanager(body).statusCode();
					// a refused delivery is retried by Alertmanager; do the same once
					return status == 202 ? status : hooks(target).alertmanager(body).statusCode();
				}));
			}
			go.countDown();
			for (Future<Integer> status : statuses) {
				assertThat(status.get()).isEqualTo(202);
			}
		}
		finally {
			senders.shutdownNow();
		}

		JdbcClient jdbc = jdbc();
		await().atMost(WAIT)
			.until(() -> jdbc.sql("SELECT COUNT(*) FROM slack_outbox WHERE status IN" + " ('PENDING', 'SENDING')")
				.query(Long.class)
				.single() == 0 && posts(test).size() >= 1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM incident WHERE group_key = ?")
			.param(groupKey)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(posts(test)).hasSize(1);
	}

	@Test
	void twentyConcurrentClicksOnBothReplicasExecuteTheActionOnce() throws Exception {
		Approvals approvals = replicas.context(0).getBean(Approvals.class);
		String marker = "ha-" + UUID.randomUUID().toString().substring(0, 8);
		RequestResult result = approvals.request("noop.echo", Map.of("message", marker), new SlackUserId("U0HAREQUEST"),
				null, "two replicas, one execution", Conversation.channel(CHANNEL));
		assertThat(result).isInstanceOf(RequestResult.Created.class);
		ActionRequest request = ((RequestResult.Created) result).request();
		SlackCall message = await().atMost(WAIT)
			.until(() -> fake.successfulCalls("chat.postMessage")
				.stream()
				.filter(c -> c.param("blocks").contains(request.id().shortForm()))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		String ticket = buttonValue(message.param("blocks"), "approval:approve");
		assertThat(ticket).isNotEmpty();

		CountDownLatch go = new CountDownLatch(1);
		ExecutorService clickers = Executors.newFixedThreadPool(20);
		List<Future<HttpResponse<String>>> responses = new ArrayList<>();
		try {
			for (int i = 0; i < APPROVERS.size(); i++) {
				int replica = i % 2;
				SlackUserId approver = APPROVERS.get(i);
				String actionTs = "1700000000." + String.format("%06d", i + 1);
				responses.add(clickers.submit(() -> {
					go.await();
					return http.send(click(replica, ticket, approver, message, actionTs),
							HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
				}));
			}
			go.countDown();
			for (Future<HttpResponse<String>> response : responses) {
				assertThat(response.get().statusCode()).isEqualTo(200);
			}
		}
		finally {
			clickers.shutdownNow();
		}

		await().atMost(WAIT).until(() -> approvals.find(request.id()).orElseThrow().state() == RequestState.SUCCEEDED);
		JdbcClient jdbc = jdbc();
		assertThat(
				jdbc.sql("SELECT COUNT(*) FROM noop_echo WHERE message = ?").param(marker).query(Long.class).single())
			.isEqualTo(1);
		await().atMost(WAIT)
			.until(() -> audit(jdbc, "action.execution-started", request) == 1
					&& audit(jdbc, "action.approved", request) == 1);
		assertThat(replicas.context(1).getBean(Approvals.class).find(request.id()).orElseThrow().state())
			.isEqualTo(RequestState.SUCCEEDED);
	}

	private static long audit(JdbcClient jdbc, String action, ActionRequest request) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND subject LIKE ?")
			.params(action, "%" + request.id().value() + "%")
			.query(Long.class)
			.single();
	}

	private AlertHooks hooks(int replica) {
		return new AlertHooks(replicas.base(replica).getPort());
	}

	private static JdbcClient jdbc() {
		return replicas.context(0).getBean(JdbcClient.class);
	}

	private List<SlackCall> posts(String marker) {
		return fake.successfulCalls("chat.postMessage")
			.stream()
			.filter(c -> c.param("thread_ts").isEmpty())
			.filter(c -> c.param("text").contains(marker) || c.param("blocks").contains(marker))
			.toList();
	}

	private static Map<String, Object> firing(String test, String name, String severity, Instant start) {
		return alert("firing", Map.of("alertname", name, "severity", severity, "test", test),
				Map.of("summary", name + " in " + test), start, null);
	}

	/**
	 * A signed {@code block_actions} click as Slack posts it (as in the approvals
	 * integration tests).
	 */
	private HttpRequest click(int replica, String ticket, SlackUserId user, SlackCall message, String actionTs) {
		String payload = SlackPayloads.buttonClick("approval:approve", "approval:actions", ticket, user.value(),
				message.param("channel"), message.ts(), actionTs, fake.responseUrl());
		byte[] body = ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8);
		String ts = Long.toString(Instant.now().getEpochSecond());
		return HttpRequest.newBuilder(URI.create(replicas.base(replica) + "/slack/events"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Slack-Request-Timestamp", ts)
			.header("X-Slack-Signature", SlackRequestSigner.withTestSecret().signature(ts, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	private static String buttonValue(String blocks, String actionId) {
		for (JsonNode block : JSON.readTree(blocks)) {
			JsonNode elements = block.get("elements");
			if (elements == null) {
				continue;
			}
			for (JsonNode element : elements) {
				if (element.has("action_id") && element.get("action_id").asString().equals(actionId)) {
					return element.get("value").asString();
				}
			}
		}
		return "";
	}

}
