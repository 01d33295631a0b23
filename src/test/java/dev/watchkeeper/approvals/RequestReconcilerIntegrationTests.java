package dev.watchkeeper.approvals;

import static dev.watchkeeper.approvals.ActionRequests.ALICE;
import static dev.watchkeeper.approvals.ActionRequests.applied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.approvals.internal.ActionRequestRepository;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.FakeSlackInitializer;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Crash safety: the database holds what a {@code kill -9} leaves behind (requests
 * APPROVED but never started, EXECUTING with or without their effect in place, UNKNOWN),
 * then Watchkeeper starts. Nothing runs twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "watchkeeper.slack.signing-secret=" + SlackRequestSigner.TEST_SIGNING_SECRET,
				"watchkeeper.slack.bot-token=xoxb-test-token", "spring.datasource.hikari.connection-timeout=3000",
				"watchkeeper.approvals.approvers=U0APPROVE2", "watchkeeper.approvals.expiry-sweep-interval=1s",
				"watchkeeper.approvals.reconcile-interval=1h" })
@ContextConfiguration(
		initializers = { RequestReconcilerIntegrationTests.CrashedDatabase.class, FakeSlackInitializer.class })
@Import(TestActions.class)
class RequestReconcilerIntegrationTests {

	static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	Approvals approvals;

	@Autowired
	RecordingAction highAction;

	@Autowired
	RecordingAuditTrail audit;

	@Test
	void executingRequestWhoseEffectIsInPlaceSucceedsWithoutRunningAgain() {
		ActionRequest request = awaitState("executing-applied", RequestState.SUCCEEDED);

		assertThat(request.outcome()).contains("effect is verified in place");
		assertNeverRan(request);
		assertThat(audit.entries("action.executed", request.id())).extracting(e -> e.details().get("settled_by"))
			.containsExactly("reconciler");
		await().atMost(WAIT)
			.until(() -> FakeSlackApi.shared()
				.successfulCalls("chat.postMessage")
				.stream()
				.anyMatch(c -> c.param("thread_ts").equals("1700000000.000300")
						&& c.param("text").contains("Succeeded")));
	}

	@Test
	void executingRequestWhoseEffectIsAbsentFailsWithoutRunningAgain() {
		ActionRequest request = awaitState("executing-absent", RequestState.FAILED);

		assertThat(request.outcome()).contains("not run again");
		assertNeverRan(request);
	}

	@Test
	void executingRequestThatCannotBeVerifiedBecomesUnknown() {
		ActionRequest request = awaitState("executing-unverifiable", RequestState.UNKNOWN);

		assertThat(request.outcome()).contains("do not re-run blind");
		assertNeverRan(request);
	}

	@Test
	void recentlyStartedRequestIsLeftToWhoeverRunsIt() {
		awaitState("executing-applied", RequestState.SUCCEEDED);
		awaitState("approved-fresh", RequestState.SUCCEEDED);

		ActionRequest request = approvals.find(CrashedDatabase.rows.get("executing-recent").id()).orElseThrow();

		assertThat(request.state()).isEqualTo(RequestState.EXECUTING);
		assertNeverRan(request);
	}

	@Test
	void approvedButNeverStartedRequestRunsExactlyOnce() {
		ActionRequest request = awaitState("approved-fresh", RequestState.SUCCEEDED);

		assertThat(highAction.executions(request.id().value())).isEqualTo(1);
		assertThat(audit.entries("action.execution-started", request.id()))
			.extracting(e -> e.details().get("started_by"))
			.containsExactly("reconciler");
	}

	@Test
	void approvedRequestWhoseEffectIsAlreadyInPlaceIsNotRun() {
		ActionRequest request = awaitState("approved-applied", RequestState.SUCCEEDED);

		assertThat(request.outcome()).contains("not executed again");
		assertNeverRan(request);
	}

	@Test
	void staleApprovalExpiresInsteadOfRunning() {
		ActionRequest request = awaitState("approved-stale", RequestState.EXPIRED);

		assertThat(request.note()).contains("not started within 15 min");
		assertNeverRan(request);
	}

	@Test
	void unknownOutcomeIsSettledOnceVerifiable() {
		ActionRequest request = awaitState("unknown-applied", RequestState.SUCCEEDED);

		assertThat(request.outcome()).isEqualTo("verified later: its effect is in place");
		assertNeverRan(request);
	}

	@Test
	void overduePendingRequestExpires() {
		ActionRequest request = awaitState("pending-overdue", RequestState.EXPIRED);

		assertNeverRan(request);
	}

	private ActionRequest awaitState(String row, RequestState state) {
		ActionRequestId id = CrashedDatabase.rows.get(row).id();
		await().atMost(WAIT).until(() -> approvals.find(id).orElseThrow().state() == state);
		return approvals.find(id).orElseThrow();
	}

	private void assertNeverRan(ActionRequest request) {
		assertThat(highAction.executions(request.id().value())).isZero();
	}

	/**
	 * A fresh PostgreSQL database, migrated and filled with the rows a crash leaves,
	 * before the context starts.
	 */
	static class CrashedDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		static final Map<String, ActionRequest> rows = new ConcurrentHashMap<>();

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			String url = EmbeddedPostgresSupport.newDatabase();
			DriverManagerDataSource database = new DriverManagerDataSource(url, "postgres", "postgres");
			Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
			ActionRequestRepository repository = new ActionRequestRepository(JdbcClient.create(database),
					JsonMapper.builder().build());
			Instant now = Instant.now();
			Conversation thread = Conversation.thread("C0INCIDENT", "1700000000.000300");
			store(repository, "executing-applied", executing("applied-lease", now, Duration.ofMinutes(10), thread));
			store(repository, "executing-absent", executing("gone-lease", now, Duration.ofMinutes(10), null));
			store(repository, "executing-unverifiable", executing("unknown-lease", now, Duration.ofMinutes(10), null));
			store(repository, "executing-recent", executing("recent-lease", now, Duration.ofSeconds(10), null));
			store(repository, "approved-fresh", approved("fresh-lease", now, Duration.ofMinutes(1)));
			store(repository, "approved-applied", approved("applied-already", now, Duration.ofMinutes(1)));
			store(repository, "approved-stale", approved("stale-lease", now, Duration.ofMinutes(20)));
			ActionRequest running = executing("applied-later", now, Duration.ofMinutes(10), null);
			store(repository, "unknown-applied",
					applied(running.outcomeUnknown("timeout", at(now.minus(Duration.ofMinutes(9))))));
			store(repository, "pending-overdue", pending("overdue-lease", now.minus(Duration.ofMinutes(30)), null));
			TestPropertyValues
				.of("spring.datasource.url=" + url, "spring.datasource.username=postgres",
						"spring.datasource.password=postgres")
				.applyTo(context.getEnvironment());
		}

		private static void store(ActionRequestRepository repository, String name, ActionRequest request) {
			repository.insert(request);
			rows.put(name, request);
		}

		private static ActionRequest pending(String target, Instant createdAt, Conversation conversation) {
			return ActionRequests.pending("test.high", RiskTier.HIGH, target, IncidentId.random(), conversation,
					at(createdAt));
		}

		private static ActionRequest approved(String target, Instant now, Duration ago) {
			Instant approvedAt = now.minus(ago);
			return applied(
					pending(target, approvedAt.minus(Duration.ofMinutes(1)), null).approve(ALICE, at(approvedAt)));
		}

		private static ActionRequest executing(String target, Instant now, Duration startedAgo,
				Conversation conversation) {
			Instant startedAt = now.minus(startedAgo);
			ActionRequest approved = applied(pending(target, startedAt.minus(Duration.ofMinutes(2)), conversation)
				.approve(ALICE, at(startedAt.minus(Duration.ofMinutes(1)))));
			return applied(approved.startExecution(at(startedAt)));
		}

		private static Clock at(Instant instant) {
			return Clock.fixed(instant, ZoneOffset.UTC);
		}

	}

}
