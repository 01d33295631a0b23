package dev.watchkeeper.slack.approvals;

import static dev.watchkeeper.alerts.AlertHooks.alert;
import static dev.watchkeeper.alerts.AlertHooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.alerts.AlertHooks;
import dev.watchkeeper.alerts.SlackActivity;
import dev.watchkeeper.approvals.ActionExecuted;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.approvals.Click;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.approvals.OffsetClock;
import dev.watchkeeper.approvals.RecordingAuditTrail;
import dev.watchkeeper.approvals.RequestResult;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.approvals.TestActions;
import dev.watchkeeper.core.SlackUserId;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.watchkeeper.slack.outbox.LivingMessageSource;
import dev.watchkeeper.slack.outbox.ParkedEntries;
import dev.watchkeeper.slack.outbox.SlackMessage;
import dev.watchkeeper.slack.outbox.SlackOutbox;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.FakeSlackApi.SlackCall;
import dev.watchkeeper.testkit.PostgresIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approval messages go through the persistent Slack outbox: they wait out
 * {@code Retry-After}, survive Slack failing for a while, coalesce bursts of changes into
 * one post showing the last state, keep the channel's pace next to an incident storm,
 * reply once per fact, and come back from being parked. The whole application on
 * PostgreSQL with the fake Slack at Slack's real pace (one write per second per channel).
 */
@PostgresIntegrationTest
@Import(TestActions.class)
@TestPropertySource(properties = { "watchkeeper.approvals.approvers=U0APPROVE1,U0APPROVE2",
		"watchkeeper.approvals.channel=C0APPROVALS", "watchkeeper.alerts.webhook-token=" + AlertHooks.TOKEN,
		"watchkeeper.alerts.default-channel=C0STORM",
		"watchkeeper.runbooks.dir=target/no-runbooks-for-approval-outbox-tests" })
class ApprovalOutboxIntegrationTests {

	static final SlackUserId REQUESTER = new SlackUserId("U0REQUEST1");

	static final SlackUserId APPROVER = new SlackUserId("U0APPROVE1");

	static final SlackUserId SECOND_APPROVER = new SlackUserId("U0APPROVE2");

	static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	Approvals approvals;

	@Autowired
	SlackOutbox outbox;

	@Autowired
	ParkedEntries parked;

	@Autowired
	OffsetClock clock;

	@Autowired
	RecordingAuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	private final FakeSlackApi fake = FakeSlackApi.shared();

	private final SlackActivity slack = new SlackActivity(fake);

	private final String test = UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void setUp() {
		clock.reset();
		audit.reset();
		fake.reset();
		jdbc.sql("UPDATE slack_outbox_channel SET next_send_at = ?")
			.param(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
			.update();
	}

	@AfterEach
	void drain() {
		SlackActivity.awaitIdle(jdbc);
		audit.reset();
	}

	@Test
	void retryAfterOnTheCardPostIsWaitedOutAndTheCardAppearsOnce() {
		fake.rateLimitNext("chat.postMessage", 2);

		ActionRequest request = created("test.high", "db-retry-after", Conversation.channel("C0RETRY"));

		await().atMost(WAIT).until(() -> cardPosts(request).size() == 1);
		List<SlackCall> attempts = fake.calls("chat.postMessage")
			.stream()
			.filter(c -> c.param("channel").equals("C0RETRY"))
			.toList();
		assertThat(attempts).extracting(SlackCall::status).containsExactly(429, 200);
		// a lower bound only: the retry came no sooner than Slack asked
		assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		SlackActivity.awaitIdle(jdbc);
		assertThat(cardPosts(request)).hasSize(1);
	}

	@Test
	void slackFailingForAWhileLosesNothing() {
		fake.failNext("chat.postMessage", "internal_error");
		fake.failNext("chat.postMessage", "internal_error");

		ActionRequest request = created("test.high", "db-outage", Conversation.channel("C0OUTAGE"));

		await().atMost(WAIT).until(() -> fake.calls("chat.postMessage").stream().anyMatch(c -> !c.succeeded()));
		assertThat(queued(request)).as("the card stays queued while Slack fails").isEqualTo(1);
		approve(request, APPROVER);
		awaitState(request, RequestState.SUCCEEDED);

		await().atMost(WAIT).until(() -> latestBlocks(request).contains("Succeeded"));
		SlackActivity.awaitIdle(jdbc);
		assertThat(cardPosts(request)).as("one card, however many attempts").hasSize(1);
	}

	@Test
	void aBurstOfChangesIsOnePostShowingTheLastState() {
		outbox.pauseChannel("C0BURST", clock.instant().plus(Duration.ofHours(1)));
		ActionRequest request = created("test.critical", "database/burst", Conversation.channel("C0BURST"));
		approve(request, APPROVER);
		approve(request, SECOND_APPROVER);
		awaitState(request, RequestState.SUCCEEDED);
		assertThat(queued(request)).as("requested, approved twice, started, succeeded: one queued message")
			.isEqualTo(1);
		assertThat(fake.calls("chat.postMessage")).as("nothing reaches Slack while the channel waits").isEmpty();

		outbox.pauseChannel("C0BURST", clock.instant().minusSeconds(1));

		await().atMost(WAIT).until(() -> cardPosts(request).size() == 1);
		SlackActivity.awaitIdle(jdbc);
		SlackCall post = cardPosts(request).get(0);
		assertThat(post.param("blocks")).contains("Succeeded").doesNotContain(ApprovalBlocks.APPROVE);
		assertThat(slack.updates(post.ts())).isEmpty();
	}

	@Test
	void approvalCardKeepsThePaceOfAChannelInAnIncidentStorm() {
		fake.enforceChannelWriteInterval(Duration.ofMillis(900));
		ActionRequest first = created("test.high", "db-storm-1", Conversation.channel("C0STORM"));
		ActionRequest second = created("test.high", "db-storm-2", Conversation.channel("C0STORM"));
		await().atMost(WAIT).until(() -> cardPosts(first).size() == 1);
		AlertHooks hooks = new AlertHooks(port);
		Instant start = clock.instant().minusSeconds(60);
		for (int i = 1; i <= 5; i++) {
			String name = "StormAlert" + i;
			assertThat(
					hooks
						.alertmanager(
								payload("{}:{test=\"" + test + "\", alertname=\"" + name + "\"}", Map.of("test", test),
										List.of(alert("firing", Map.of("alertname", name, "test", test), Map.of(),
												start, null))))
						.statusCode())
				.isEqualTo(202);
		}
		approve(first, APPROVER);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> slack.posts("StormAlert").size() == 5 && cardPosts(first).size() == 1
					&& cardPosts(second).size() == 1 && latestBlocks(first).contains("Succeeded"));
		SlackActivity.awaitIdle(jdbc);
		assertThat(fake.rateLimitedResponses()).as("no write came sooner than the channel allows").isZero();
		assertThat(cardPosts(first)).hasSize(1);
		assertThat(cardPosts(second)).hasSize(1);
		assertThat(slack.updates(cardPosts(first).get(0).ts())).as("the outcome edited in place").isNotEmpty();
	}

	@Test
	void finalStateRepliesInTheIncidentThreadOncePerEventEvenWhenRedelivered() {
		ActionRequest request = created("test.high", "db-redelivered",
				Conversation.thread("C0THREADS", "1700000000.000400"));
		approve(request, APPROVER);
		awaitState(request, RequestState.SUCCEEDED);
		await().atMost(WAIT).until(() -> threadReplies("C0THREADS", "1700000000.000400").size() == 1);
		ActionExecuted again = new ActionExecuted(UUID.randomUUID(), clock.instant(), request.id().value(), "test.high",
				"done", "reconciler", "", Map.of());

		for (int i = 0; i < 3; i++) {
			transactions.executeWithoutResult(tx -> events.publishEvent(again));
		}

		SlackActivity.awaitIdle(jdbc);
		assertThat(threadReplies("C0THREADS", "1700000000.000400"))
			.as("the executor's event and the redelivered one: one reply each")
			.hasSize(2)
			.allMatch(c -> c.param("text").contains(request.id().shortForm()) && c.param("text").contains("Succeeded"));
	}

	@Test
	void livingMessageCanLiveInAThreadAndIsEditedThere() {
		String key = ThreadedMessages.PREFIX + test;

		transactions.executeWithoutResult(tx -> outbox.refresh(key, "C0INTHREAD", "1700000000.000500"));

		await().atMost(WAIT).until(() -> outbox.message(key).isPresent());
		SlackCall post = slack.posts(test).isEmpty() ? threadReplies("C0INTHREAD", "1700000000.000500").get(0)
				: slack.posts(test).get(0);
		assertThat(post.param("thread_ts")).isEqualTo("1700000000.000500");
		assertThat(post.param("text")).contains(key, "version 1");
		transactions.executeWithoutResult(tx -> outbox.refresh(key, "C0INTHREAD", "1700000000.000500"));
		await().atMost(WAIT).until(() -> slack.updates(post.ts()).size() == 1);
		assertThat(slack.updates(post.ts()).get(0).param("channel")).isEqualTo("C0INTHREAD");
		assertThat(slack.updates(post.ts()).get(0).param("text")).contains("version 2");
		assertThat(threadReplies("C0INTHREAD", "1700000000.000500")).as("edited, not posted again").hasSize(1);
	}

	@Test
	void aCardPostedBeforeTheOutboxKeepsBeingEditedInPlace() {
		outbox.pauseChannel("C0LEGACY", clock.instant().plus(Duration.ofHours(1)));
		ActionRequest request = created("test.high", "db-legacy", Conversation.channel("C0LEGACY"));
		jdbc.sql("INSERT INTO slack_approval_message (request_id, channel_id, message_ts, posted_at)"
				+ " VALUES (?, 'C0LEGACY', '1600000000.000100', ?)")
			.params(request.id().value(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
			.update();
		approve(request, APPROVER);
		awaitState(request, RequestState.SUCCEEDED);

		outbox.pauseChannel("C0LEGACY", clock.instant().minusSeconds(1));

		await().atMost(WAIT)
			.until(() -> slack.updates("1600000000.000100")
				.stream()
				.anyMatch(c -> c.param("blocks").contains("Succeeded")));
		SlackActivity.awaitIdle(jdbc);
		assertThat(cardPosts(request)).as("no second card").isEmpty();
	}

	@Test
	void aParkedCardComesBackWhenRequeued() {
		fake.failNext("chat.postMessage", "not_in_channel");
		ActionRequest request = created("test.high", "db-parked", Conversation.channel("C0PARKED"));
		await().atMost(WAIT)
			.until(() -> parked.list(List.of("C0PARKED"))
				.stream()
				.anyMatch(e -> e.messageKey().equals(ApprovalMessageKey.of(request.id()))
						&& "not_in_channel".equals(e.error())));
		assertThat(cardPosts(request)).isEmpty();

		assertThat(parked.requeue(List.of("C0PARKED"))).isEqualTo(1);

		await().atMost(WAIT).until(() -> cardPosts(request).size() == 1);
		assertThat(parked.list(List.of("C0PARKED"))).isEmpty();
	}

	private ActionRequest created(String type, String target, Conversation conversation) {
		RequestResult result = approvals.request(type, Map.of("target", target), REQUESTER, null,
				"test " + test + ": " + target, conversation);
		assertThat(result).isInstanceOf(RequestResult.Created.class);
		return ((RequestResult.Created) result).request();
	}

	private void approve(ActionRequest request, SlackUserId approver) {
		approvals.approve(request.id() + ":" + request.binding(),
				new Click(approver, SlackApprovalDriver.nextActionTs()));
	}

	private void awaitState(ActionRequest request, RequestState state) {
		await().atMost(WAIT).until(() -> approvals.find(request.id()).orElseThrow().state() == state);
	}

	private List<SlackCall> cardPosts(ActionRequest request) {
		return fake.successfulCalls("chat.postMessage")
			.stream()
			.filter(c -> c.param("blocks").contains(request.id().shortForm()))
			.toList();
	}

	private String latestBlocks(ActionRequest request) {
		List<SlackCall> writes = fake.calls()
			.stream()
			.filter(SlackCall::succeeded)
			.filter(c -> c.method().equals("chat.postMessage") || c.method().equals("chat.update"))
			.filter(c -> c.param("blocks").contains(request.id().shortForm()))
			.toList();
		return writes.isEmpty() ? "" : writes.get(writes.size() - 1).param("blocks");
	}

	private List<SlackCall> threadReplies(String channel, String threadTs) {
		return fake.successfulCalls("chat.postMessage")
			.stream()
			.filter(c -> c.param("channel").equals(channel) && c.param("thread_ts").equals(threadTs))
			.toList();
	}

	private long queued(ActionRequest request) {
		return jdbc
			.sql("SELECT COUNT(*) FROM slack_outbox WHERE message_key = ? AND kind = 'MESSAGE'"
					+ " AND status IN ('PENDING', 'SENDING')")
			.param(ApprovalMessageKey.of(request.id()))
			.query(Long.class)
			.single();
	}

	/** A living message that says how often it was rendered, for threads. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ThreadedMessages {

		static final String PREFIX = "test-threaded:";

		@Bean
		LivingMessageSource threadedTestMessages() {
			AtomicInteger versions = new AtomicInteger();
			return new LivingMessageSource() {

				@Override
				public boolean handles(String messageKey) {
					return messageKey.startsWith(PREFIX);
				}

				@Override
				public Optional<SlackMessage> render(String messageKey) {
					return Optional.of(new SlackMessage(messageKey + " version " + versions.incrementAndGet(),
							List.of(SectionBlock.builder()
								.text(MarkdownTextObject.builder().text(messageKey).build())
								.build())));
				}

			};
		}

	}

}
