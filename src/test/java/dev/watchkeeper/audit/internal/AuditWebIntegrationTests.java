package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.audit.AuditEntry;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.AuditTrail;
import dev.watchkeeper.audit.SampleEvent;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.PostgresIntegrationTest;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit module inside the whole application on PostgreSQL: events recorded in the
 * publisher's transaction (fail closed), the reviewer API and pages behind their
 * authentication with strict headers, the witness posting to Slack, and every other path
 * (Slack events, actuator, webhooks, diagnostics) untouched by Spring Security.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = { "watchkeeper.audit.hmac-key=" + AuditFixtures.KEY,
		"watchkeeper.audit.reviewer-token=" + AuditWebIntegrationTests.TOKEN,
		"watchkeeper.audit.witness-channel=C0SECURITY", "watchkeeper.audit.witness-interval=2h" })
@Import(AuditWebIntegrationTests.Publisher.class)
class AuditWebIntegrationTests {

	static final String TOKEN = "reviewer-token-0123456789abcdef-0123456789";

	static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
			+ "img-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

	@LocalServerPort
	int port;

	@Autowired
	AuditTrail trail;

	@Autowired
	Publisher publisher;

	@Autowired
	JdbcClient sql;

	@Autowired
	AuditWitness witness;

	@Autowired
	Scheduler scheduler;

	ReviewerHttp http;

	@BeforeEach
	void setUp() {
		http = new ReviewerHttp(port);
		FakeSlackApi.shared().reset();
		sql.sql("CREATE TABLE IF NOT EXISTS probe_action (id VARCHAR(100) PRIMARY KEY)").update();
	}

	@Test
	void publishedEventIsRecordedInThePublishersTransaction() {
		String id = UUID.randomUUID().toString();

		publisher.actAndPublish(id, SampleEvent.approved(id));

		assertThat(probeRows(id)).isEqualTo(1);
		assertThat(subjects()).contains(id);
	}

	@Test
	void auditWriteThatFailsRollsTheActionBack() {
		String id = UUID.randomUUID().toString();
		SampleEvent unrecordable = new SampleEvent(UUID.randomUUID(), SampleEvent.T0, "U0ALICE01", "", "not an action",
				id, "", "ok", Map.of(), Map.of());

		assertThatThrownBy(() -> publisher.actAndPublish(id, unrecordable)).hasMessageContaining("cannot audit");

		assertThat(probeRows(id)).isZero();
		assertThat(subjects()).doesNotContain(id);
	}

	@Test
	void databaseFailureOfTheAuditInsertRollsTheActionBack() {
		String id = "explode-" + UUID.randomUUID();
		sql.sql("ALTER TABLE audit_entry ADD CONSTRAINT probe_refuses_explode CHECK (subject NOT LIKE 'explode-%') "
				+ "NOT VALID")
			.update();
		try {
			assertThatThrownBy(() -> publisher.actAndPublish(id, SampleEvent.approved(id)))
				.hasMessageContaining("probe_refuses_explode");
		}
		finally {
			sql.sql("ALTER TABLE audit_entry DROP CONSTRAINT probe_refuses_explode").update();
		}
		assertThat(probeRows(id)).isZero();
		assertThat(trail.verify(AuditFixtures.REVIEWER).intact()).isTrue();
	}

	@Test
	void redeliveredEventIsRecordedOnce() {
		SampleEvent event = SampleEvent.approved("req-redelivered");

		publisher.publish(event);
		publisher.publish(event);

		assertThat(subjects().stream().filter("req-redelivered"::equals)).hasSize(1);
	}

	@Test
	void apiRefusesRequestsWithoutTheReviewerToken() {
		HttpResponse<String> none = http.get("/api/audit");
		HttpResponse<String> wrong = http.get("/api/audit", "Authorization", "Bearer wrong-token");

		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
		assertThat(none.body()).contains("unauthorized");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(http.get("/api/audit/verify").statusCode()).isEqualTo(401);
		assertThat(http.get("/api/audit/export").statusCode()).isEqualTo(401);
	}

	@Test
	void apiSearchesWithFiltersAndKeysetPaging() {
		String incident = UUID.randomUUID().toString();
		for (int i = 0; i < 3; i++) {
			publisher.publish(SampleEvent.approved("req-api-" + i).withIncident(incident));
		}

		HttpResponse<String> page = api("/api/audit?incident=" + incident + "&limit=2");
		HttpResponse<String> next = api("/api/audit?incident=" + incident + "&limit=2&before="
				+ trail.search(new AuditQuery(null, null, incident, null, null, null, null), null, 2).nextBefore());

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
		assertThat(page.body()).contains("req-api-2", "req-api-1")
			.doesNotContain("req-api-0")
			.contains("\"next\":\"/api/audit?");
		assertThat(next.body()).contains("req-api-0").contains("\"nextBefore\":null");
	}

	@Test
	void apiExplainsBadFilters() {
		HttpResponse<String> response = api("/api/audit?from=yesterday");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("'from' is not a time");
		assertThat(api("/api/audit?limit=5000").body()).contains("'limit' must be between 1 and 500");
		assertThat(api("/api/audit/export?format=xml").body()).contains("unknown export format");
	}

	@Test
	void exportStreamsTheFilteredEntriesAndIsAudited() {
		publisher.publish(SampleEvent.approved("req-export").withIncident("inc-export"));

		HttpResponse<String> jsonl = api("/api/audit/export?format=jsonl&incident=inc-export");
		HttpResponse<String> csv = api("/api/audit/export?format=csv&incident=inc-export");

		assertThat(jsonl.statusCode()).isEqualTo(200);
		assertThat(jsonl.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				v -> assertThat(v).startsWith("attachment; filename=\"watchkeeper-audit-").endsWith(".jsonl\""));
		assertThat(jsonl.body().lines()).singleElement().satisfies(line -> assertThat(line).contains("req-export"));
		assertThat(csv.body().lines()).hasSize(2).first().asString().startsWith("\"seq\"");
		AuditEntry recorded = trail
			.search(new AuditQuery(null, "audit.exported", null, null, null, null, null), null, 1)
			.entries()
			.get(0);
		assertThat(recorded.actor()).isEqualTo("reviewer-token");
		assertThat(recorded.details()).containsEntry("format", "csv").containsEntry("filter.incident", "inc-export");
	}

	@Test
	void verifyAnswersWithTheHeadAndIsAudited() {
		publisher.publish(SampleEvent.approved("req-verify"));

		HttpResponse<String> response = api("/api/audit/verify");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"ok\"").contains("\"headHash\":\"");
		assertThat(
				trail.search(new AuditQuery(null, "audit.verified", null, null, null, null, null), null, 1).entries())
			.singleElement()
			.satisfies(e -> assertThat(e.outcome()).isEqualTo("ok"));
	}

	@Test
	void reviewerPagesNeedASignIn() {
		HttpResponse<String> response = http.get("/audit");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying(v -> assertThat(v).endsWith("/audit/login"));
	}

	@Test
	void tokenSignInOpensTheReviewerPagesWithStrictHeaders() {
		publisher.publish(SampleEvent.approved("<script>alert(1)</script>"));

		HttpResponse<String> signIn = http.signInWithToken(TOKEN);
		HttpResponse<String> page = http.get("/audit");

		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/audit"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Audit trail")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)")
			.doesNotContain("<style")
			.doesNotContain(" style=")
			.doesNotContainPattern("<script>[^<]");
		assertStrictHeaders(page);
		assertThat(
				trail.search(new AuditQuery("reviewer-token", "audit.signed_in", null, null, null, null, null), null, 1)
					.entries())
			.isNotEmpty();
	}

	@Test
	void wrongTokenSignInIsRefused() {
		HttpResponse<String> signIn = http.signInWithToken("not-the-token");

		assertThat(signIn.headers().firstValue("Location"))
			.hasValueSatisfying(v -> assertThat(v).endsWith("/audit/login?error"));
		assertThat(http.get("/audit").statusCode()).isEqualTo(302);
	}

	@Test
	void signInPageAndAssetsCarryTheHeadersToo() {
		HttpResponse<String> login = http.get("/audit/login");
		HttpResponse<String> script = http.get("/audit/assets/audit.js");
		HttpResponse<String> style = http.get("/audit/assets/audit.css");

		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("Reviewer token");
		assertStrictHeaders(login);
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).contains("verify-result");
		assertStrictHeaders(script);
		assertThat(style.statusCode()).isEqualTo(200);
	}

	@Test
	void entryPageShowsOneEntryAndUnknownEntriesAreNotFound() {
		AuditEntry entry = trail.append(SampleEvent.approved("req-detail"));
		http.signInWithToken(TOKEN);

		HttpResponse<String> page = http.get("/audit/entries/" + entry.sequence());

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("req-detail")
			.contains(entry.hash())
			.contains(entry.hmac())
			.contains("hmac-sha256:");
		assertThat(http.get("/audit/entries/999999").statusCode()).isEqualTo(404);
	}

	@Test
	void slackEventsStillPassTheirOwnSignatureCheckWithSecurityOnTheClasspath() {
		URI events = URI.create("http://127.0.0.1:" + port + "/slack/events");

		HttpResponse<String> signed = SlackRequestSigner.withTestSecret()
			.slashCommand(events, "/wk", "help", "U0ALICE01", "C0INCIDENT");
		HttpResponse<String> forged = new SlackRequestSigner("forged-secret").slashCommand(events, "/wk", "help",
				"U0ALICE01", "C0INCIDENT");

		assertThat(signed.statusCode()).isEqualTo(200);
		assertThat(signed.body()).contains("Watchkeeper commands");
		assertThat(signed.headers().firstValue("Content-Security-Policy")).isEmpty();
		assertThat(forged.statusCode()).isEqualTo(401);
		assertThat(forged.body()).contains("invalid_signature");
	}

	@Test
	void actuatorHealthAndPrometheusArePublicAndUntouched() {
		HttpResponse<String> health = http.get("/actuator/health");
		HttpResponse<String> prometheus = http.get("/actuator/prometheus");

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("UP");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(health.headers().firstValue("Content-Security-Policy")).isEmpty();
		assertThat(health.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void otherModulesPathsGetNoSecurityFilter() {
		for (String path : List.of("/hooks/alertmanager", "/d/some-share", "/api/other")) {
			HttpResponse<String> response = http.get(path, "Authorization", "Bearer wrong-token");

			assertThat(response.statusCode()).as(path).isNotIn(401, 403);
			// Spring Security's header writer would add these; the diagnostics pages set
			// their own CSP
			assertThat(response.headers().firstValue("X-XSS-Protection")).as(path).isEmpty();
			assertThat(response.headers().firstValue("Pragma")).as(path).isEmpty();
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
		}
	}

	@Test
	void witnessPostsTheHeadOnceAndRetriesAfterASlackFailure() {
		publisher.publish(SampleEvent.approved("req-witness-1"));
		String head = trail.head().hash();

		assertThat(witness.witness()).isPresent();
		assertThat(witness.witness()).isEmpty();
		assertThat(FakeSlackApi.shared().successfulCalls("chat.postMessage")).singleElement().satisfies(call -> {
			assertThat(call.param("channel")).isEqualTo("C0SECURITY");
			assertThat(call.param("text")).contains(head);
		});

		publisher.publish(SampleEvent.approved("req-witness-2"));
		FakeSlackApi.shared().failNext("chat.postMessage", "channel_not_found");
		assertThatThrownBy(() -> witness.witness()).hasMessageContaining("channel_not_found");
		assertThat(witness.witness()).isPresent();
		assertThat(FakeSlackApi.shared().successfulCalls("chat.postMessage")).hasSize(2)
			.last()
			.satisfies(call -> assertThat(call.param("text")).contains(trail.head().hash()));
	}

	@Test
	void witnessJobIsScheduledAtTheConfiguredInterval() throws Exception {
		SimpleTrigger trigger = (SimpleTrigger) scheduler
			.getTrigger(TriggerKey.triggerKey(AuditWitnessConfiguration.JOB, "audit"));

		assertThat(trigger.getRepeatInterval()).isEqualTo(7_200_000L);
	}

	private HttpResponse<String> api(String path) {
		return http.get(path, "Authorization", "Bearer " + TOKEN);
	}

	private static void assertStrictHeaders(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}

	private long probeRows(String id) {
		return sql.sql("SELECT COUNT(*) FROM probe_action WHERE id = :id").param("id", id).query(Long.class).single();
	}

	private List<String> subjects() {
		return sql.sql("SELECT subject FROM audit_entry").query(String.class).list();
	}

	/**
	 * Stands in for a module that changes state and publishes an auditable event in one
	 * transaction.
	 */
	static class Publisher {

		private final JdbcClient sql;

		private final ApplicationEventPublisher events;

		Publisher(JdbcClient sql, ApplicationEventPublisher events) {
			this.sql = sql;
			this.events = events;
		}

		@Transactional
		public void actAndPublish(String id, SampleEvent event) {
			sql.sql("INSERT INTO probe_action (id) VALUES (:id)").param("id", id).update();
			events.publishEvent(event);
		}

		@Transactional
		public void publish(SampleEvent event) {
			events.publishEvent(event);
		}

	}

}
