package dev.watchkeeper.slack.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.approvals.OffsetClock;
import dev.watchkeeper.approvals.RecordingAction;
import dev.watchkeeper.approvals.RequestResult;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.approvals.TestActions;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.slack.approvals.SlackApprovalDriver.Posted;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.PostgresIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Ack latency of signed Approve clicks under load, against Slack's 3-second deadline: 50
 * pending requests, 20 approvers each clicking every request (1,000 clicks, 1 approval
 * and 19 refusals per request), sent by 16 concurrent clients over real HTTP into the
 * whole application on PostgreSQL. Measures the time to the HTTP 200 (the ack) and,
 * separately, until every click is decided and audited. Run:
 * {@code ./mvnw -B -o -Pbench test
 * -Dtest=ApprovalClickBenchmark}.
 */
@PostgresIntegrationTest
@Import(TestActions.class)
@TestPropertySource(properties = { "watchkeeper.approvals.approvers-group=S0ONCALL",
		"watchkeeper.approvals.reconcile-interval=1h", "logging.level.dev.watchkeeper=WARN" })
class ApprovalClickBenchmark {

	static final int REQUESTS = 50;

	static final int CLIENTS = 16;

	static final List<SlackUserId> APPROVERS = IntStream.rangeClosed(1, 20)
		.mapToObj(i -> new SlackUserId(String.format("U0ONCALL%02d", i)))
		.toList();

	@LocalServerPort
	int port;

	@Autowired
	Approvals approvals;

	@Autowired
	OffsetClock clock;

	@Autowired
	RecordingAction highAction;

	@Autowired
	JdbcClient jdbc;

	@Test
	void ackLatencyOfSignedApprovalClicks() throws Exception {
		FakeSlackApi.shared().reset();
		FakeSlackApi.shared().usergroup("S0ONCALL", APPROVERS.stream().map(SlackUserId::value).toList());
		SlackApprovalDriver slack = new SlackApprovalDriver(port, clock);

		run(slack, requests(slack, 10), "warm-up", CLIENTS);
		FakeSlackApi.shared().reset();
		FakeSlackApi.shared().usergroup("S0ONCALL", APPROVERS.stream().map(SlackUserId::value).toList());
		String loadBefore = loadAverage();
		Result alone = run(slack, requests(slack, 5), "one client at a time", 1);
		Result result = run(slack, requests(slack, REQUESTS), "under load", CLIENTS);

		String report = alone.report() + result.report()
				+ String.format("  auth.test calls by Bolt during the run: %d; load average before/after: %s / %s%n",
						FakeSlackApi.shared().calls("auth.test").size(), loadBefore, loadAverage());
		System.out.println(report);
		Files.writeString(Path.of("target", "approval-click-benchmark.txt"), report);
	}

	private List<Posted> requests(SlackApprovalDriver slack, int count) {
		List<ActionRequest> created = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			RequestResult result = approvals.request("test.high", Map.of("target", "bench-" + System.nanoTime()),
					new SlackUserId("U0APPROVE1"), null, "benchmark", Conversation.channel("C0BENCH"));
			created.add(((RequestResult.Created) result).request());
		}
		return created.stream()
			.map(r -> await().atMost(Duration.ofSeconds(60))
				.until(() -> slack.posted(r), java.util.Optional::isPresent)
				.get())
			.toList();
	}

	private Result run(SlackApprovalDriver slack, List<Posted> messages, String phase, int concurrency)
			throws Exception {
		List<Runnable> clicks = new ArrayList<>();
		List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
		for (Posted message : messages) {
			for (SlackUserId approver : APPROVERS) {
				clicks.add(() -> {
					long start = System.nanoTime();
					int status = slack.click(ApprovalBlocks.APPROVE, message.ticket(), approver, message).statusCode();
					latencies.add(new long[] { System.nanoTime() - start, status });
				});
			}
		}
		Collections.shuffle(clicks, new Random(42));
		long before = countDecidedClicks();
		ExecutorService clients = Executors.newFixedThreadPool(concurrency);
		CountDownLatch start = new CountDownLatch(1);
		long began = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (Runnable click : clicks) {
			futures.add(clients.submit(() -> {
				start.await();
				click.run();
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : futures) {
			future.get();
		}
		long acked = System.nanoTime();
		clients.shutdown();
		await().atMost(Duration.ofSeconds(120)).until(() -> countDecidedClicks() - before >= clicks.size());
		long decided = System.nanoTime();
		for (Posted message : messages) {
			String id = message.ticket().substring(0, 36);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> approvals.find(dev.watchkeeper.approvals.ActionRequestId.parse(id))
					.orElseThrow()
					.state() == RequestState.SUCCEEDED);
			assertThat(highAction.executions(java.util.UUID.fromString(id))).isEqualTo(1);
		}
		assertThat(latencies).allMatch(l -> l[1] == 200);
		long[] sorted = latencies.stream().mapToLong(l -> l[0]).sorted().toArray();
		return new Result(phase, concurrency, sorted, acked - began, decided - began);
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[0];
		}
		catch (IOException ex) {
			return "n/a";
		}
	}

	private long countDecidedClicks() {
		return jdbc.sql("SELECT COUNT(*) FROM approval_click").query(Long.class).single();
	}

	record Result(String phase, int clients, long[] sortedNanos, long ackWallNanos, long decidedWallNanos) {

		String report() {
			int n = sortedNanos.length;
			return String.format(
					"ApprovalClickBenchmark (%s): %d signed clicks, %d clients, %d requests%n"
							+ "  ack latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n"
							+ "  all acked after %.1f s (%.0f clicks/s); all decided and audited after %.1f s%n",
					phase, n, clients, n / APPROVERS.size(), ms(percentile(0.50)), ms(percentile(0.90)),
					ms(percentile(0.99)), ms(sortedNanos[n - 1]), ackWallNanos / 1e9, n / (ackWallNanos / 1e9),
					decidedWallNanos / 1e9);
		}

		private long percentile(double p) {
			return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(p * sortedNanos.length) - 1)];
		}

		private static double ms(long nanos) {
			return nanos / 1e6;
		}
	}

}
