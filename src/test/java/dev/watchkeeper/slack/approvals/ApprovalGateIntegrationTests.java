package dev.watchkeeper.slack.approvals;

import static dev.watchkeeper.slack.approvals.SlackApprovalDriver.hasButtons;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.ActionRequestId;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.approvals.OffsetClock;
import dev.watchkeeper.approvals.RecordingAction;
import dev.watchkeeper.approvals.RecordingAuditTrail;
import dev.watchkeeper.approvals.RequestResult;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.approvals.TestActions;
import dev.watchkeeper.approvals.internal.RequestReconciler;
import dev.watchkeeper.core.AuditableEvent;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.slack.approvals.SlackApprovalDriver.Posted;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.PostgresIntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The approval gate end to end: signed Slack requests over real HTTP into the whole
 * application on PostgreSQL, Slack's Web API faked on loopback.
 */
@PostgresIntegrationTest
@Import(TestActions.class)
@TestPropertySource(properties = { "watchkeeper.approvals.approvers=U0APPROVE1,U0APPROVE2",
		"watchkeeper.approvals.approvers-group=S0ONCALL", "watchkeeper.approvals.channel=C0APPROVALS",
		"watchkeeper.approvals.expiry-sweep-interval=1s", "watchkeeper.approvals.reconcile-interval=1h" })
class ApprovalGateIntegrationTests {

	/**
	 * Requests in most tests; also a listed approver, so refusing their own approval is
	 * about self-approval.
	 */
	static final SlackUserId REQUESTER = new SlackUserId("U0APPROVE1");

	static final SlackUserId APPROVER = new SlackUserId("U0APPROVE2");

	static final SlackUserId OUTSIDER = new SlackUserId("U0OUTSIDE1");

	static final List<SlackUserId> ON_CALL = IntStream.rangeClosed(1, 20)
		.mapToObj(i -> new SlackUserId(String.format("U0ONCALL%02d", i)))
		.toList();

	static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	Approvals approvals;

	@Autowired
	OffsetClock clock;

	@Autowired
	RecordingAuditTrail audit;

	@Autowired
	RecordingAction highAction;

	@Autowired
	RecordingAction criticalAction;

	@Autowired
	RecordingAction lowAction;

	@Autowired
	RequestReconciler reconciler;

	@Autowired
	JdbcClient jdbc;

	SlackApprovalDriver slack;

	@BeforeEach
	void setUp() {
		clock.reset();
		// a test that moved the clock forward left the outbox's channels paced in that
		// future
		jdbc.sql("UPDATE slack_outbox_channel SET next_send_at = ?")
			.param(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
			.update();
		audit.reset();
		FakeSlackApi.shared().reset();
		FakeSlackApi.shared().usergroup("S0ONCALL", ON_CALL.stream().map(SlackUserId::value).toList());
		slack = new SlackApprovalDriver(port, clock);
	}

	@AfterEach
	void tearDown() {
		audit.reset();
		clock.reset();
	}

	@Test
	void requestFromSlackPostsPreviewParametersAndButtons() {
		HttpResponse<String> ack = slack.command(REQUESTER,
				"run noop.echo message=\"hello <!channel>\" -- checking the gate");

		assertThat(ack.statusCode()).isEqualTo(200);
		assertThat(ack.body()).contains("Preparing a request for `noop.echo`");
		ActionRequest request = awaitOpenRequest("noop.echo");
		Posted message = await().atMost(WAIT).until(() -> slack.posted(request), java.util.Optional::isPresent).get();
		assertThat(message.channel()).isEqualTo(SlackApprovalDriver.CHANNEL);
		assertThat(message.ticket()).isEqualTo(request.id() + ":" + request.binding());
		assertThat(message.blocks())
			.contains("Approval needed: noop.echo", "checking the gate", "*Preview*", "hello &lt;!channel&gt;",
					"<@U0APPROVE1>", "Approvals: 0 of 1", "approval:deny", "approval:cancel")
			.doesNotContain("<!channel>");
		await().atMost(WAIT)
			.until(() -> slack.ephemeralAnswers().stream().anyMatch(a -> a.contains("Requested `noop.echo`")));
		assertThat(audit.entries("action.requested", request.id())).hasSize(1);
	}

	@Test
	void approvedNoopEchoRunsOnceAndShowsTheOutcome() {
		ActionRequest request = created("noop.echo", Map.of("message", "hi"), null, null);
		Posted message = awaitMessage(request);

		assertThat(slack.click(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message).statusCode())
			.isEqualTo(200);

		awaitState(request, RequestState.SUCCEEDED);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM noop_echo WHERE request_id = ?")
			.param(request.id().value())
			.query(Integer.class)
			.single()).isEqualTo(1);
		await().atMost(WAIT).until(() -> slack.latestBlocks(request).contains("Succeeded"));
		assertThat(slack.latestBlocks(request)).contains("echoed: hi", "<@U0APPROVE2>");
		assertThat(hasButtons(slack.latestBlocks(request))).isFalse();
		assertThat(audit.entriesAbout(request.id())).extracting(AuditableEvent::action)
			.containsExactly("action.requested", "action.approved", "action.execution-started", "action.executed");
	}

	@Test
	void approverCannotBeRequester() {
		ActionRequest request = created("test.high", "db-self");
		Posted message = awaitMessage(request);

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), REQUESTER, message);

		awaitAnswer("you requested this action, so someone else must approve it");
		assertRefusedAndUnchanged(request, REQUESTER);
	}

	@Test
	void outsiderCannotApprove() {
		ActionRequest request = created("test.high", "db-outsider");
		Posted message = awaitMessage(request);

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), OUTSIDER, message);

		awaitAnswer("only members of the approvers user group can approve or deny requests");
		assertRefusedAndUnchanged(request, OUTSIDER);
	}

	@Test
	void groupMemberCanApprove() {
		ActionRequest request = created("test.high", "db-member");
		Posted message = awaitMessage(request);

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), ON_CALL.get(4), message);

		awaitState(request, RequestState.SUCCEEDED);
		assertThat(highAction.executions(request.id().value())).isEqualTo(1);
	}

	@Test
	void criticalActionNeedsTwoDistinctApprovers() {
		ActionRequest request = created("test.critical", "database/");
		Posted message = awaitMessage(request);

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message);
		awaitAnswer("Approval recorded (1 of 2)");
		await().atMost(WAIT).until(() -> slack.latestBlocks(request).contains("Approvals: 1 of 2"));

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message);
		awaitAnswer("you already approved this request");
		assertThat(approvals.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.PENDING);
		assertThat(criticalAction.executions(request.id().value())).isZero();

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), ON_CALL.get(0), message);

		awaitState(request, RequestState.SUCCEEDED);
		assertThat(criticalAction.executions(request.id().value())).isEqualTo(1);
		assertThat(approvals.find(request.id()).orElseThrow().approverIds()).containsExactly(APPROVER.value(),
				ON_CALL.get(0).value());
	}

	@Test
	void expiredRequestCannotBeApproved() {
		ActionRequest request = created("test.high", "db-expiry");
		Posted message = awaitMessage(request);

		clock.advance(Duration.ofMinutes(16));

		awaitState(request, RequestState.EXPIRED);
		await().atMost(WAIT).until(() -> slack.latestBlocks(request).contains("Expired"));
		assertThat(hasButtons(slack.latestBlocks(request))).isFalse();
		assertThat(audit.entries("action.expired", request.id())).hasSize(1);

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message);

		awaitAnswer("this request expired");
		assertThat(highAction.executions(request.id().value())).isZero();
		assertThat(approvals.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.EXPIRED);
	}

	@Test
	void twentyConcurrentApprovalsExecuteOnce() throws Exception {
		ActionRequest request = created("test.high", "db-concurrent");
		Posted message = awaitMessage(request);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService clickers = Executors.newFixedThreadPool(20);
		List<Future<HttpResponse<String>>> responses = new ArrayList<>();
		try {
			for (SlackUserId approver : ON_CALL) {
				responses.add(clickers.submit(() -> {
					start.await();
					return slack.click(ApprovalBlocks.APPROVE, message.ticket(), approver, message);
				}));
			}
			start.countDown();
			for (Future<HttpResponse<String>> response : responses) {
				assertThat(response.get().statusCode()).isEqualTo(200);
			}
		}
		finally {
			clickers.shutdownNow();
		}

		awaitState(request, RequestState.SUCCEEDED);
		await().atMost(WAIT).until(() -> audit.entries("approval.refused", request.id()).size() == 19);
		assertThat(highAction.executions(request.id().value())).isEqualTo(1);
		assertThat(audit.entries("action.approved", request.id())).hasSize(1);
		assertThat(audit.entries("action.execution-started", request.id())).hasSize(1);
		assertThat(audit.entries("approval.refused", request.id())).extracting(e -> e.details().get("reason"))
			.allMatch(r -> r.startsWith("this request is already approved")
					|| r.contains("already approved and executed"));
	}

	@Test
	void replayedClickIsAnsweredAlreadyRecorded() {
		ActionRequest request = created("test.critical", "database/replay");
		Posted message = awaitMessage(request);
		HttpRequest click = slack.signedClick(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message,
				SlackApprovalDriver.nextActionTs());

		assertThat(slack.send(click).statusCode()).isEqualTo(200);
		awaitAnswer("Approval recorded (1 of 2)");
		assertThat(slack.send(click).statusCode()).isEqualTo(200);

		awaitAnswer("Your click was already recorded; nothing changed.");
		ActionRequest stored = approvals.find(request.id()).orElseThrow();
		assertThat(stored.state()).isEqualTo(RequestState.PENDING);
		assertThat(stored.approverIds()).containsExactly(APPROVER.value());
		assertThat(audit.entries("action.approved", request.id())).hasSize(1);
		assertThat(audit.entries("approval.refused", request.id())).extracting(e -> e.details().get("reason"))
			.containsExactly("already recorded (the same click arrived again)");
	}

	@Test
	void tamperedButtonValueIsRefused() {
		ActionRequest request = created("test.high", "db-tamper");
		Posted message = awaitMessage(request);
		String tampered = message.ticket().substring(0, message.ticket().length() - 1)
				+ (message.ticket().endsWith("0") ? "1" : "0");

		slack.click(ApprovalBlocks.APPROVE, tampered, APPROVER, message);

		awaitAnswer("this button does not match the stored request");
		assertRefusedAndUnchanged(request, APPROVER);
	}

	@Test
	void unknownRequestIdIsRefused() {
		ActionRequest request = created("test.high", "db-unknown-id");
		Posted message = awaitMessage(request);
		UUID unknown = UUID.randomUUID();

		slack.click(ApprovalBlocks.APPROVE, unknown + ":" + request.binding(), APPROVER, message);

		awaitAnswer("unknown request " + unknown.toString().substring(0, 8));
		assertThat(audit.entries("approval.refused", unknown)).hasSize(1);
		assertThat(highAction.executions(unknown)).isZero();
	}

	@Test
	void malformedButtonValueIsRefused() {
		ActionRequest request = created("test.high", "db-malformed");
		Posted message = awaitMessage(request);

		slack.click(ApprovalBlocks.APPROVE, "<script>alert(1)</script>", APPROVER, message);

		awaitAnswer("this button's value is malformed");
		assertThat(audit.entries("approval.refused", "malformed:?script?alert?1???script?")).hasSize(1);
	}

	@Test
	void denyAsksForAReasonAndRecordsIt() {
		ActionRequest request = created("test.high", "db-deny", IncidentId.random(),
				Conversation.thread("C0INCIDENT", "1700000000.000100"));
		Posted message = awaitMessage(request);

		slack.click(ApprovalBlocks.DENY, message.ticket(), APPROVER, message);

		FakeSlackApi.SlackCall open = await().atMost(WAIT)
			.until(() -> slack.slack().calls("views.open"), calls -> !calls.isEmpty())
			.get(0);
		JsonNode view = slack.tree(open.param("view"));
		assertThat(view.get("callback_id").asString()).isEqualTo(ApprovalBlocks.DENY_DIALOG);
		String metadata = view.get("private_metadata").asString();
		assertThat(metadata).startsWith(message.ticket());

		HttpResponse<String> blank = slack.submitDenial(APPROVER, "V0DENY0001", metadata, "  ");
		assertThat(blank.body()).contains("\"response_action\":\"errors\"").contains("Give a reason");
		assertThat(
				slack.submitDenial(APPROVER, "V0DENY0002", metadata, "wrong lease, <@U0OUTSIDE1> check").statusCode())
			.isEqualTo(200);

		awaitState(request, RequestState.DENIED);
		ActionRequest denied = approvals.find(request.id()).orElseThrow();
		assertThat(denied.closedBy()).isEqualTo(APPROVER);
		assertThat(denied.note()).isEqualTo("wrong lease, <@U0OUTSIDE1> check");
		await().atMost(WAIT).until(() -> slack.latestBlocks(request).contains("Denied"));
		assertThat(slack.latestBlocks(request)).contains("wrong lease, &lt;@U0OUTSIDE1&gt; check");
		assertThat(hasButtons(slack.latestBlocks(request))).isFalse();
		awaitThreadReply("C0INCIDENT", "1700000000.000100", "Denied");
		assertThat(highAction.executions(request.id().value())).isZero();
		assertThat(audit.entries("action.denied", request.id())).hasSize(1);
	}

	@Test
	void outsiderCannotDeny() {
		ActionRequest request = created("test.high", "db-deny-outsider");
		Posted message = awaitMessage(request);

		slack.click(ApprovalBlocks.DENY, message.ticket(), OUTSIDER, message);

		awaitAnswer("only members of the approvers user group");
		assertThat(slack.slack().calls("views.open")).isEmpty();
		assertRefusedAndUnchanged(request, OUTSIDER);
	}

	@Test
	void requesterCanCancelAndNobodyElseCan() {
		ActionRequest request = created("test.high", "db-cancel");
		Posted message = awaitMessage(request);

		slack.click(ApprovalBlocks.CANCEL, message.ticket(), APPROVER, message);
		awaitAnswer("only the requester can cancel this request");
		assertThat(approvals.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.PENDING);

		slack.click(ApprovalBlocks.CANCEL, message.ticket(), REQUESTER, message);

		awaitState(request, RequestState.CANCELLED);
		await().atMost(WAIT).until(() -> slack.latestBlocks(request).contains("Cancelled"));
		assertThat(audit.entries("action.cancelled", request.id())).hasSize(1);
	}

	@Test
	void finalStateAlsoRepliesInTheIncidentThread() {
		IncidentId incident = IncidentId.random();
		ActionRequest request = created("test.high", "db-thread", incident,
				Conversation.thread("C0INCIDENT", "1700000000.000200"));
		Posted message = awaitMessage(request);
		assertThat(message.channel()).isEqualTo("C0INCIDENT");
		assertThat(message.blocks()).contains("https://example.slack.com/archives/C0INCIDENT/p1700000000000200",
				"incident " + incident.toString().substring(0, 8));

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message);

		awaitState(request, RequestState.SUCCEEDED);
		awaitThreadReply("C0INCIDENT", "1700000000.000200", "Succeeded");
		assertThat(audit.entries("action.executed", request.id()))
			.allMatch(e -> e.incidentId().equals(incident.toString()));
	}

	@Test
	void failedExecutionShowsTheEscapedErrorWithoutButtons() {
		ActionRequest request = created("test.high", "fail-db");
		Posted message = awaitMessage(request);

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message);

		awaitState(request, RequestState.FAILED);
		assertThat(highAction.executions(request.id().value())).isEqualTo(1);
		await().atMost(WAIT).until(() -> slack.latestBlocks(request).contains("Failed"));
		assertThat(slack.latestBlocks(request)).contains("backend refused &lt;!channel&gt; for fail-db")
			.doesNotContain("<!channel>");
		assertThat(hasButtons(slack.latestBlocks(request))).isFalse();
		assertThat(audit.entries("action.failed", request.id())).hasSize(1);
	}

	@Test
	void unverifiableErrorLeavesTheOutcomeUnknownInsteadOfRetrying() {
		ActionRequest request = created("test.high", "hang-db");
		Posted message = awaitMessage(request);

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message);

		awaitState(request, RequestState.UNKNOWN);
		reconciler.reconcile(false);
		assertThat(highAction.executions(request.id().value())).isEqualTo(1);
		assertThat(approvals.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.UNKNOWN);
		await().atMost(WAIT).until(() -> slack.latestBlocks(request).contains("Outcome unknown"));
	}

	@Test
	void failingAuditWriteStopsAnApprovedAction() {
		ActionRequest request = created("test.high", "db-audit-down");
		Posted message = awaitMessage(request);
		audit.failWhen(
				e -> e.action().equals("action.execution-started") && e.subject().equals(request.id().toString()));

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message);

		await().atMost(WAIT)
			.until(() -> audit.blocked().stream().anyMatch(b -> b.requestId().equals(request.id().value())));
		assertThat(approvals.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.APPROVED);
		assertThat(highAction.executions(request.id().value())).isZero();
		assertThat(audit.entries("action.execution-started", request.id())).isEmpty();
		await().atMost(WAIT)
			.until(() -> slack.slack()
				.successfulCalls("chat.postMessage")
				.stream()
				.anyMatch(c -> c.param("text").contains("Approved but not started")
						&& c.param("thread_ts").equals(message.ts())));

		// once the audit trail is back, the still-fresh approval runs, once
		audit.reset();
		reconciler.reconcile(true);

		assertThat(approvals.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.SUCCEEDED);
		assertThat(highAction.executions(request.id().value())).isEqualTo(1);
	}

	@Test
	void failingAuditWriteLosesTheClickButChangesNothing() {
		ActionRequest request = created("test.high", "db-audit-click");
		Posted message = awaitMessage(request);
		audit.failWhen(e -> e.action().equals("action.approved") && e.subject().equals(request.id().toString()));

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message);

		awaitAnswer("Your click could not be recorded");
		ActionRequest stored = approvals.find(request.id()).orElseThrow();
		assertThat(stored.state()).isEqualTo(RequestState.PENDING);
		assertThat(stored.approvals()).isEmpty();

		audit.reset();
		slack.click(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message);

		awaitState(request, RequestState.SUCCEEDED);
	}

	@Test
	void previewRefusalIsAnsweredBeforeAnyoneIsAskedToApprove() {
		slack.command(REQUESTER, "run test.high target=missing-lease -- revoke it");

		awaitAnswer("Not requested: lease missing-lease not found in Vault");
		assertThat(slack.slack().calls("chat.postMessage")).isEmpty();
		assertThat(approvals.open()).noneMatch(r -> r.params().values().containsValue("missing-lease"));
	}

	@Test
	void invalidParametersAreAnsweredWithTheProblem() {
		slack.command(REQUESTER, "run test.high target=UPPER");

		awaitAnswer("Not requested: 'target' is not valid (what to act on)");
	}

	@Test
	void unknownActionIsAnsweredAtOnce() {
		HttpResponse<String> ack = slack.command(REQUESTER, "run vault.nuke-everything");

		assertThat(ack.body()).contains("Unknown action `vault.nuke-everything`").contains("`noop.echo`");
	}

	@Test
	void lowTierActionRunsWithoutApproval() {
		slack.command(REQUESTER, "run test.low target=cache-flush");

		ActionRequest request = await().atMost(WAIT)
			.until(() -> finished("test.low", "cache-flush"), java.util.Optional::isPresent)
			.get();
		assertThat(request.state()).isEqualTo(RequestState.SUCCEEDED);
		assertThat(lowAction.executions(request.id().value())).isEqualTo(1);
		assertThat(audit.entries("action.approved", request.id())).extracting(AuditableEvent::actor)
			.containsExactly("system");
		await().atMost(WAIT).until(() -> slack.latestBlocks(request).contains("Succeeded"));
		assertThat(slack.latestBlocks(request)).contains("No approval needed (LOW tier)");
	}

	@Test
	void actionsCommandListsPendingRequests() {
		ActionRequest request = created("test.high", "db-listed");

		HttpResponse<String> response = slack.command(APPROVER, "actions");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(request.id().shortForm(), "test.high", "waiting for 1 more approval",
				"`noop.echo` (HIGH)");
	}

	@Test
	void approverGroupLookupFailureFailsClosed() {
		ActionRequest request = created("test.high", "db-slack-down");
		Posted message = awaitMessage(request);
		clock.advance(Duration.ofSeconds(61));
		slack.slack().failNext("usergroups.users.list", "invalid_auth");

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), ON_CALL.get(1), message);

		awaitAnswer("the approvers group could not be checked right now");
		assertThat(approvals.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.PENDING);

		slack.click(ApprovalBlocks.APPROVE, message.ticket(), APPROVER, message);

		awaitState(request, RequestState.SUCCEEDED);
	}

	private ActionRequest created(String type, String target) {
		return created(type, target, null, Conversation.channel(SlackApprovalDriver.CHANNEL));
	}

	private ActionRequest created(String type, String target, IncidentId incident, Conversation conversation) {
		return created(type, Map.of("target", target), incident, conversation);
	}

	private ActionRequest created(String type, Map<String, String> params, IncidentId incident,
			Conversation conversation) {
		RequestResult result = approvals.request(type, params, REQUESTER, incident, "test: " + params, conversation);
		assertThat(result).isInstanceOf(RequestResult.Created.class);
		return ((RequestResult.Created) result).request();
	}

	private Posted awaitMessage(ActionRequest request) {
		return await().atMost(WAIT).until(() -> slack.posted(request), java.util.Optional::isPresent).get();
	}

	private ActionRequest awaitOpenRequest(String type) {
		return await().atMost(WAIT)
			.until(() -> approvals.open().stream().filter(r -> r.actionType().equals(type)).findFirst(),
					java.util.Optional::isPresent)
			.get();
	}

	private java.util.Optional<ActionRequest> finished(String type, String target) {
		return jdbc.sql("SELECT id FROM action_request WHERE action_type = ? AND params LIKE ? AND state = 'SUCCEEDED'")
			.params(type, "%" + target + "%")
			.query(UUID.class)
			.optional()
			.flatMap(id -> approvals.find(new ActionRequestId(id)));
	}

	private void awaitState(ActionRequest request, RequestState state) {
		await().atMost(WAIT).until(() -> approvals.find(request.id()).orElseThrow().state() == state);
	}

	private void awaitAnswer(String fragment) {
		await().atMost(WAIT).until(() -> slack.ephemeralAnswers().stream().anyMatch(a -> a.contains(fragment)));
	}

	private void awaitThreadReply(String channel, String threadTs, String fragment) {
		await().atMost(WAIT)
			.until(() -> slack.slack()
				.successfulCalls("chat.postMessage")
				.stream()
				.anyMatch(c -> c.param("channel").equals(channel) && c.param("thread_ts").equals(threadTs)
						&& c.param("text").contains(fragment)));
	}

	private void assertRefusedAndUnchanged(ActionRequest request, SlackUserId user) {
		await().atMost(WAIT).until(() -> !audit.entries("approval.refused", request.id()).isEmpty());
		assertThat(audit.entries("approval.refused", request.id())).extracting(AuditableEvent::actor)
			.contains(user.value());
		ActionRequest stored = approvals.find(request.id()).orElseThrow();
		assertThat(stored.state()).isEqualTo(RequestState.PENDING);
		assertThat(stored.approvals()).isEmpty();
		assertThat(stored.version()).isZero();
		assertThat(highAction.executions(request.id().value())).isZero();
	}

}
