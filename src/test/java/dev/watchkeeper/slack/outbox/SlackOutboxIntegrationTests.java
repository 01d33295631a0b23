package dev.watchkeeper.slack.outbox;

import static dev.watchkeeper.alerts.AlertHooks.alert;
import static dev.watchkeeper.alerts.AlertHooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.slack.api.Slack;
import com.slack.api.model.Message;
import dev.watchkeeper.alerts.AlertHooks;
import dev.watchkeeper.alerts.AlertsIntegrationTest;
import dev.watchkeeper.alerts.MovableClock;
import dev.watchkeeper.alerts.SlackActivity;
import dev.watchkeeper.slack.SlackProperties;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.FakeSlackApi.SlackCall;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox against the fake Slack: pacing, Retry-After, parking, coalescing, crashes
 * and competing workers.
 */
@AlertsIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SlackOutboxIntegrationTests {

	private static final String ROOM_A = "C0ROOMA";

	private static final String ROOM_B = "C0ROOMB";

	private static final String ROOM_C = "C0ROOMC";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	SlackOutbox outbox;

	@Autowired
	MeterRegistry meters;

	@Autowired
	OutboxRepository repository;

	@Autowired
	SlackDelivery delivery;

	@Autowired
	List<LivingMessageSource> sources;

	@Autowired
	OutboxProperties properties;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Slack slackClient;

	@Autowired
	SlackProperties slackProperties;

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
		outbox.pauseChannel(ROOM_C, clock.instant().minusSeconds(1));
		SlackActivity.awaitIdle(jdbc);
	}

	@Test
	void retryAfterPausesOnlyThatChannelAndItsQueueArrivesLaterInOrder() {
		Instant start = clock.instant().minusSeconds(120);
		fake.rateLimitNext("chat.postMessage", 30);
		hooks
			.alertmanager(group("a", "paused", List.of(alert("firing", labels("Paused", "a"), Map.of(), start, null))));
		await().until(() -> fake.calls("chat.postMessage").stream().anyMatch(c -> c.status() == 429));

		hooks.alertmanager(group("a", "paused",
				List.of(alert("resolved", labels("Paused", "a"), Map.of(), start, clock.instant()))));
		hooks.alertmanager(
				group("b", "flowing", List.of(alert("firing", labels("Flowing", "b"), Map.of(), start, null))));

		await().until(() -> successful(ROOM_B).size() == 1);
		awaitEventsHandled();
		assertThat(successful(ROOM_A)).as("room A waits out its Retry-After").isEmpty();
		assertThat(pending(ROOM_A)).as("the post and the resolution reply stay queued").isEqualTo(2);

		clock.advance(Duration.ofSeconds(31));

		await().until(() -> successful(ROOM_A).size() == 2);
		List<SlackCall> roomA = successful(ROOM_A);
		assertThat(roomA.get(0).param("thread_ts")).as("the message first").isEmpty();
		assertThat(roomA.get(0).param("text")).as("showing the latest state").contains("[RESOLVED]");
		assertThat(roomA.get(1).param("thread_ts")).as("then its reply").isEqualTo(roomA.get(0).ts());
		assertThat(meters.counter("watchkeeper.slack.outbox.rate.limited").count()).isPositive();
	}

	@Test
	void channelNotFoundParksTheEntryWithTheErrorInLogsAndMetricsWhileOthersFlow(CapturedOutput output) {
		Instant start = clock.instant().minusSeconds(60);
		double parkedBefore = meters.counter("watchkeeper.slack.outbox.parked", "error", "channel_not_found").count();
		fake.failNext("chat.postMessage", "channel_not_found");
		hooks.alertmanager(
				group("gone", "lost", List.of(alert("firing", labels("Lost", "gone"), Map.of(), start, null))));
		await().until(
				() -> jdbc
					.sql("SELECT COUNT(*) FROM slack_outbox WHERE channel = 'C0GONE' AND status = 'PARKED'"
							+ " AND last_error = 'channel_not_found'")
					.query(Long.class)
					.single() == 1);

		hooks.alertmanager(group("b", "fine", List.of(alert("firing", labels("Fine", "b"), Map.of(), start, null))));

		await().until(() -> successful(ROOM_B).size() == 1);
		assertThat(meters.counter("watchkeeper.slack.outbox.parked", "error", "channel_not_found").count())
			.isEqualTo(parkedBefore + 1);
		assertThat(output).contains("parked Slack outbox entry").contains("channel_not_found").contains("C0GONE");
	}

	@Test
	void repeatedUpdatesCoalesceIntoTheLatestState() {
		outbox.pauseChannel(ROOM_C, clock.instant().plus(Duration.ofHours(1)));
		Instant start = clock.instant().minusSeconds(60);
		List<Map<String, Object>> alerts = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			alerts.add(alert("firing", Map.of("alertname", "Growing", "instance", "i-" + i, "room", "c", "test", test),
					Map.of(), start, null));
			hooks.alertmanager(group("c", "growing", alerts));
		}
		awaitEventsHandled();
		assertThat(pending(ROOM_C)).as("five changes, one queued message").isEqualTo(1);

		outbox.pauseChannel(ROOM_C, clock.instant().minusSeconds(1));

		await().until(() -> slack.posts(test).size() == 1);
		SlackActivity.awaitIdle(jdbc);
		assertThat(slack.posts(test).get(0).param("text")).contains("5 firing");
		assertThat(slack.updates(slack.posts(test).get(0).ts())).isEmpty();
		assertThat(meters.counter("watchkeeper.slack.outbox.coalesced").count()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void aPostThatHappenedJustBeforeACrashIsRecordedNotRepeated() throws Exception {
		OutboxRepository.OutboxEntry entry = queuedWhilePaused("crashed");
		// the worker had marked it SENDING and Slack had accepted the post when the
		// process died
		jdbc.sql("UPDATE slack_outbox SET status = 'SENDING' WHERE id = ?").param(entry.id()).update();
		String postedTs = slackClient.methods(slackProperties.botToken().reveal())
			.chatPostMessage(r -> r.channel(ROOM_C)
				.text("posted before the crash " + test)
				.metadata(new Message.Metadata(SlackDelivery.METADATA_TYPE,
						Map.of("outbox_id", Long.toString(entry.id()), "key", entry.messageKey()))))
			.getTs();

		outbox.pauseChannel(ROOM_C, clock.instant().minusSeconds(1));

		await().until(() -> outbox.message(entry.messageKey()).isPresent());
		assertThat(outbox.message(entry.messageKey()).orElseThrow().ts()).isEqualTo(postedTs);
		SlackActivity.awaitIdle(jdbc);
		assertThat(slack.posts(test)).as("only the post from before the crash").hasSize(1);
		assertThat(fake.calls("conversations.history")).isNotEmpty();

		hooks.alertmanager(group("c", "crashed",
				List.of(alert("firing", labels("Crashed", "c"), Map.of(), clock.instant(), null),
						alert("firing", Map.of("alertname", "Crashed", "instance", "second", "room", "c", "test", test),
								Map.of(), clock.instant(), null))));
		await().until(() -> slack.updates(postedTs).size() == 1);
	}

	@Test
	void anEntryInterruptedBeforeItsPostIsPostedOnce() {
		OutboxRepository.OutboxEntry entry = queuedWhilePaused("interrupted");
		jdbc.sql("UPDATE slack_outbox SET status = 'SENDING' WHERE id = ?").param(entry.id()).update();

		outbox.pauseChannel(ROOM_C, clock.instant().minusSeconds(1));

		await().until(() -> outbox.message(entry.messageKey()).isPresent());
		SlackActivity.awaitIdle(jdbc);
		assertThat(slack.posts(test)).hasSize(1);
	}

	@Test
	void competingWorkersDeliverAnEntryOnce() throws Exception {
		queuedWhilePaused("contended");
		List<OutboxWorker> replicas = List.of(replica(), replica(), replica());
		ExecutorService threads = Executors.newFixedThreadPool(6);
		CountDownLatch go = new CountDownLatch(1);
		try {
			for (int i = 0; i < 6; i++) {
				OutboxWorker worker = replicas.get(i % replicas.size());
				threads.submit(() -> {
					go.await();
					worker.deliverNext(ROOM_C);
					return null;
				});
			}
			outbox.pauseChannel(ROOM_C, clock.instant().minusSeconds(1));
			go.countDown();
			threads.shutdown();
			assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			threads.shutdownNow();
		}

		SlackActivity.awaitIdle(jdbc);
		assertThat(slack.posts(test)).hasSize(1);
	}

	/** Another replica's worker: same database and Slack, its own identity. */
	private OutboxWorker replica() {
		return new OutboxWorker(repository, delivery, sources, properties, transactions, clock, meters);
	}

	/**
	 * Queues an incident message for room C while the channel is paused, and returns its
	 * outbox entry.
	 */
	private OutboxRepository.OutboxEntry queuedWhilePaused(String name) {
		outbox.pauseChannel(ROOM_C, clock.instant().plus(Duration.ofHours(1)));
		hooks.alertmanager(group("c", name,
				List.of(alert("firing", labels(name.substring(0, 1).toUpperCase() + name.substring(1), "c"), Map.of(),
						clock.instant(), null))));
		await().until(() -> repository.head(ROOM_C).isPresent());
		return repository.head(ROOM_C).orElseThrow();
	}

	private List<SlackCall> successful(String channel) {
		return fake.successfulCalls("chat.postMessage")
			.stream()
			.filter(c -> c.param("channel").equals(channel))
			.toList();
	}

	private long pending(String channel) {
		return jdbc.sql("SELECT COUNT(*) FROM slack_outbox WHERE channel = ? AND status IN ('PENDING', 'SENDING')")
			.param(channel)
			.query(Long.class)
			.single();
	}

	private void awaitEventsHandled() {
		await().until(() -> jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL")
			.query(Long.class)
			.single() == 0);
	}

	private Map<String, String> labels(String alertname, String room) {
		return Map.of("alertname", alertname, "instance", "i-1", "room", room, "test", test);
	}

	private String group(String room, String name, List<Map<String, Object>> alerts) {
		return payload("{}:{test=\"" + test + "\", group=\"" + name + "\"}", Map.of("room", room, "test", test),
				alerts);
	}

}
