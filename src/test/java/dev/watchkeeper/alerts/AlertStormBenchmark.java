package dev.watchkeeper.alerts;

import static dev.watchkeeper.alerts.AlertHooks.alert;
import static dev.watchkeeper.alerts.AlertHooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.FakeSlackApi.SlackCall;
import dev.watchkeeper.testkit.PostgresIntegrationTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The alert storm of the issue, sent as Alertmanager would (each group notified again
 * every group interval with all its alerts so far): 10,000 alerts in 50 groups, then one
 * group of 10,000 alerts. Slack is the fake enforcing one write per second per channel;
 * Watchkeeper paces itself at its default one per second. Measures intake throughput,
 * Slack calls made, 429s received (must be zero) and the time until every incident
 * message shows its final state. Run:
 * {@code ./mvnw -B -o -Pbench test -Dtest=AlertStormBenchmark}; results in
 * {@code target/benchmarks/alert-storm.md}.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = { "watchkeeper.alerts.webhook-token=" + AlertHooks.TOKEN,
		"watchkeeper.alerts.default-channel=C0STORMDEFAULT", "watchkeeper.alerts.routes[0].matchers[0]=team=\"team-0\"",
		"watchkeeper.alerts.routes[0].channel=C0STORM0", "watchkeeper.alerts.routes[1].matchers[0]=team=\"team-1\"",
		"watchkeeper.alerts.routes[1].channel=C0STORM1", "watchkeeper.alerts.routes[2].matchers[0]=team=\"team-2\"",
		"watchkeeper.alerts.routes[2].channel=C0STORM2", "watchkeeper.alerts.routes[3].matchers[0]=team=\"team-3\"",
		"watchkeeper.alerts.routes[3].channel=C0STORM3", "watchkeeper.alerts.routes[4].matchers[0]=team=\"team-4\"",
		"watchkeeper.alerts.routes[4].channel=C0STORM4", "watchkeeper.alerts.routes[5].matchers[0]=team=\"team-5\"",
		"watchkeeper.alerts.routes[5].channel=C0STORM5", "watchkeeper.alerts.routes[6].matchers[0]=team=\"team-6\"",
		"watchkeeper.alerts.routes[6].channel=C0STORM6", "watchkeeper.alerts.routes[7].matchers[0]=team=\"team-7\"",
		"watchkeeper.alerts.routes[7].channel=C0STORM7", "watchkeeper.alerts.routes[8].matchers[0]=team=\"team-8\"",
		"watchkeeper.alerts.routes[8].channel=C0STORM8", "watchkeeper.alerts.routes[9].matchers[0]=team=\"team-9\"",
		"watchkeeper.alerts.routes[9].channel=C0STORM9", "watchkeeper.alerts.routes[10].matchers[0]=team=\"big\"",
		"watchkeeper.alerts.routes[10].channel=C0STORMBIG", "watchkeeper.slack.outbox.poll-interval=50ms" })
class AlertStormBenchmark {

	private static final int GROUPS = 50;

	private static final int PER_GROUP = 200;

	private static final int BIG_GROUP = 10_000;

	/**
	 * Alertmanager re-sends a growing group every group_interval; four notifications per
	 * group here.
	 */
	private static final int WAVES = 4;

	private static final int CHANNELS = 10;

	private static final int SENDERS = 4;

	@LocalServerPort
	int port;

	private final FakeSlackApi fake = FakeSlackApi.shared();

	private final String run = UUID.randomUUID().toString().substring(0, 6);

	@Test
	void alertStorm() throws Exception {
		fake.reset();
		fake.enforceChannelWriteInterval(Duration.ofSeconds(1));
		AlertHooks hooks = new AlertHooks(port);
		Instant startsAt = Instant.now().minusSeconds(600);

		// 50 groups over 10 channels (team-N routes to C0STORMN), then the big group in a
		// channel of its own
		Phase storm = send(hooks, waves(GROUPS, PER_GROUP, startsAt, false));
		Phase big = send(hooks, waves(1, BIG_GROUP, startsAt, true));
		Instant sent = Instant.now();

		List<String> titles = new ArrayList<>();
		for (int g = 0; g < GROUPS; g++) {
			titles.add("Storm" + run + "g" + g);
		}
		titles.add("Storm" + run + "big");
		Map<String, Integer> finalFiring = new LinkedHashMap<>();
		titles.forEach(t -> finalFiring.put(t, t.endsWith("big") ? BIG_GROUP : PER_GROUP));
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> finalFiring.entrySet().stream().allMatch(e -> showsFinalState(e.getKey(), e.getValue())));
		Instant done = Instant.now();

		List<SlackCall> posts = fake.successfulCalls("chat.postMessage");
		long topLevel = posts.stream().filter(c -> c.param("thread_ts").isEmpty()).count();
		long replies = posts.size() - topLevel;
		long updates = fake.successfulCalls("chat.update").size();
		int rateLimited = fake.rateLimitedResponses();
		String report = report(storm, big, Duration.between(storm.start, sent), Duration.between(sent, done),
				Duration.between(storm.start, done), topLevel, replies, updates, rateLimited);
		System.out.println(report);
		Path out = Path.of("target/benchmarks/alert-storm.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);

		assertThat(rateLimited).as("Slack never had to say slow down").isZero();
		assertThat(topLevel).as("one message per incident").isEqualTo(GROUPS + 1);
	}

	private boolean showsFinalState(String title, int firing) {
		List<SlackCall> post = fake.successfulCalls("chat.postMessage")
			.stream()
			.filter(c -> c.param("thread_ts").isEmpty() && c.param("text").contains("] " + title + " —"))
			.toList();
		if (post.size() != 1) {
			return false;
		}
		List<SlackCall> updates = fake.successfulCalls("chat.update")
			.stream()
			.filter(c -> c.param("ts").equals(post.get(0).ts()))
			.toList();
		SlackCall latest = updates.isEmpty() ? post.get(0) : updates.get(updates.size() - 1);
		return latest.param("text").contains("— " + firing + " firing");
	}

	/**
	 * Payloads wave by wave: each wave holds every alert of its group so far, as
	 * Alertmanager sends them.
	 */
	private List<List<String>> waves(int groups, int perGroup, Instant startsAt, boolean big) {
		List<List<String>> waves = new ArrayList<>();
		for (int wave = 1; wave <= WAVES; wave++) {
			List<String> payloads = new ArrayList<>();
			for (int g = 0; g < groups; g++) {
				String name = "Storm" + run + (big ? "big" : "g" + g);
				String team = big ? "big" : "team-" + (g % CHANNELS);
				List<Map<String, Object>> alerts = new ArrayList<>();
				for (int i = 0; i < perGroup * wave / WAVES; i++) {
					Map<String, String> labels = new LinkedHashMap<>();
					labels.put("alertname", name);
					labels.put("team", team);
					labels.put("namespace", "ns-" + g);
					labels.put("service", "svc-" + (i % 20));
					labels.put("pod", "pod-" + g + "-" + i);
					labels.put("severity", i % 100 == 0 ? "critical" : "warning");
					alerts.add(alert("firing", labels, Map.of("summary", "pod-" + g + "-" + i + " is crash looping"),
							startsAt, null));
				}
				payloads.add(payload("{}:{alertname=\"" + name + "\"}", Map.of("alertname", name), alerts));
			}
			waves.add(payloads);
		}
		return waves;
	}

	private Phase send(AlertHooks hooks, List<List<String>> waves) throws Exception {
		Phase phase = new Phase();
		phase.start = Instant.now();
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		try {
			for (List<String> wave : waves) {
				List<Future<?>> sent = new ArrayList<>();
				for (String payload : wave) {
					sent.add(senders.submit(() -> {
						HttpResponse<String> response = hooks.alertmanager(payload);
						assertThat(response.statusCode()).isEqualTo(202);
						phase.alerts.addAndGet(alertsIn(payload));
						phase.bytes.addAndGet(payload.length());
						phase.largest.accumulateAndGet(payload.length(), Math::max);
						phase.webhooks.incrementAndGet();
					}));
				}
				for (Future<?> f : sent) {
					f.get();
				}
			}
		}
		finally {
			senders.shutdown();
		}
		phase.end = Instant.now();
		return phase;
	}

	private static int alertsIn(String payload) {
		int count = 0;
		for (int i = payload.indexOf("\"status\":\"firing\",\"labels\""); i >= 0; i = payload
			.indexOf("\"status\":\"firing\",\"labels\"", i + 1)) {
			count++;
		}
		return count;
	}

	private static String report(Phase storm, Phase big, Duration sending, Duration settling, Duration total,
			long topLevel, long replies, long updates, int rateLimited) throws IOException {
		return """
				## Alert storm

				Command: `./mvnw -B -o -Pbench test -Dtest=AlertStormBenchmark` (embedded PostgreSQL, fake Slack enforcing \
				1 write/s per channel, Watchkeeper's default pacing of 1 write/s per channel, %d concurrent senders).
				Machine: %d cores (`nproc`), %s.

				| phase | webhooks | alerts in payloads | bytes | time | intake throughput |
				|---|---|---|---|---|---|
				| 10,000 alerts in 50 groups (4 notifications per group, 10 channels) | %d | %,d | %,d | %.1f s | %,.0f alerts/s |
				| one group of 10,000 alerts (4 notifications, last one %,d bytes) | %d | %,d | %,d | %.1f s | %,.0f alerts/s |

				| Slack | count |
				|---|---|
				| incident messages posted (`chat.postMessage`) | %d (51 incidents) |
				| in-place edits (`chat.update`, coalesced) | %d |
				| thread replies (new critical alerts) | %d |
				| HTTP 429 from the fake Slack | %d |

				Time until every incident message showed its final state: %.1f s after the last webhook was accepted
				(%.1f s from the first webhook; sending took %.1f s).
				"""
			.formatted(SENDERS, Runtime.getRuntime().availableProcessors(),
					"Java " + System.getProperty("java.version"), storm.webhooks.get(), storm.alerts.get(),
					storm.bytes.get(), seconds(storm), storm.alerts.get() / seconds(storm), big.largest.get(),
					big.webhooks.get(), big.alerts.get(), big.bytes.get(), seconds(big),
					big.alerts.get() / seconds(big), topLevel, updates, replies, rateLimited,
					settling.toMillis() / 1000.0, total.toMillis() / 1000.0, sending.toMillis() / 1000.0);
	}

	private static double seconds(Phase phase) {
		return Math.max(1, Duration.between(phase.start, phase.end).toMillis()) / 1000.0;
	}

	/** What one sending phase did. */
	private static final class Phase {

		final AtomicLong alerts = new AtomicLong();

		final AtomicLong bytes = new AtomicLong();

		final AtomicLong webhooks = new AtomicLong();

		final AtomicLong largest = new AtomicLong();

		Instant start;

		Instant end;

	}

}
