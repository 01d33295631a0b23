package dev.watchkeeper.slack.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.diagnostics.Diagnostics;
import dev.watchkeeper.diagnostics.DiagnosticsIntegrationTest;
import dev.watchkeeper.diagnostics.DiagnosticsRevealRefused;
import dev.watchkeeper.diagnostics.DiagnosticsRevealed;
import dev.watchkeeper.diagnostics.DiagnosticsRevoked;
import dev.watchkeeper.diagnostics.DiagnosticsTestSupport.AuditedEvents;
import dev.watchkeeper.diagnostics.ShareAudience;
import dev.watchkeeper.diagnostics.ShareId;
import dev.watchkeeper.diagnostics.internal.ShareClient;
import dev.watchkeeper.diagnostics.internal.ShareKeys;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.FakeSlackApi.SlackCall;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /wk share} end to end against the fake Slack API: modal, card, link, notices,
 * Revoke.
 */
@DiagnosticsIntegrationTest
class ShareSlackIntegrationTests {

	static final String CHANNEL = "C0INCIDENT";

	static final String ALICE = "U0ALICE01";

	static final String BOB = "U0BOB0001";

	static final String CAROL = "U0CAROL01";

	static final Pattern LINK = Pattern.compile("<(http[^|>]+/d/([A-Za-z0-9_-]{22})#[A-Za-z0-9_-]{43})\\|");

	static final ObjectMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditedEvents events;

	@Autowired
	Diagnostics diagnostics;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	final FakeSlackApi slack = FakeSlackApi.shared();

	final SlackRequestSigner signer = SlackRequestSigner.withTestSecret();

	URI events() {
		return URI.create("http://127.0.0.1:" + port + "/slack/events");
	}

	@BeforeEach
	void setUp() {
		// notices of earlier tests arrive asynchronously: let them land before the fake
		// forgets its calls
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc
				.sql("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL "
						+ "AND listener_id LIKE '%ShareNotices%'")
				.query(Long.class)
				.single() == 0);
		slack.reset();
		events.clear();
		sharesBefore = jdbc.sql("SELECT COUNT(*) FROM diagnostics_share").query(Long.class).single();
	}

	long sharesBefore;

	@Test
	void shareCommandOpensTheModalThatSaysWhereTheTextIsEncrypted() {
		HttpResponse<String> response = signer.slashCommand(events(), "/wk", "share", ALICE, CHANNEL);

		assertThat(response.statusCode()).isEqualTo(200);
		SlackCall open = slack.calls("views.open").get(0);
		assertThat(open.param("trigger_id")).isEqualTo("13345224609.738474920.8088930838d88f008e0");
		assertThat(open.param("view")).contains("\"callback_id\":\"diagnostics:share\"")
			.contains("encrypts it on the server, in memory")
			.contains("forgets the text")
			.contains("Slack has seen what you paste here")
			.contains("\\\"channel\\\":\\\"C0INCIDENT\\\"");
		// this application has no Sign in with Slack: the modal must not promise more
		// than the link gives
		assertThat(diagnostics.audienceEnforced()).isFalse();
		assertThat(open.param("view")).contains("\"type\":\"multi_users_select\"")
			.contains("Only these people")
			.contains("members of <#C0INCIDENT>")
			.contains("anyone holding the link can open it; the audience is recorded but not enforced");
	}

	@Test
	void shareCommandRefusesSomethingThatIsNotAnIncidentId() {
		HttpResponse<String> response = signer.slashCommand(events(), "/wk", "share <!channel>", ALICE, CHANNEL);

		assertThat(response.body()).contains("that is not an incident id").doesNotContain("<!channel>");
		assertThat(slack.calls("views.open")).isEmpty();
	}

	@Test
	void submittingPostsTheCardAndTheLinkWithoutUnfurlingAndEachRevealIsNoticed() throws Exception {
		String text = "java.lang.OutOfMemoryError: Java heap space\n<script>alert(1)</script>";

		HttpResponse<String> response = submit(ALICE, text, "14400", "2", "");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		List<SlackCall> posts = slack.calls("chat.postMessage");
		assertThat(posts).hasSize(2).allSatisfy(call -> {
			// the official SDK form-encodes false as 0, which Slack reads as false
			assertThat(call.param("unfurl_links")).isIn("false", "0");
			assertThat(call.param("unfurl_media")).isIn("false", "0");
			assertThat(call.param("channel")).isEqualTo(CHANNEL);
		});
		SlackCall card = posts.get(0);
		assertThat(card.param("blocks")).contains("diagnostics:revoke")
			.contains("2 of 2")
			.contains("<@U0ALICE01>")
			.doesNotContain("/d/");
		SlackCall linkMessage = posts.get(1);
		assertThat(linkMessage.param("thread_ts")).isEqualTo(card.ts());
		Matcher link = LINK.matcher(linkMessage.param("text"));
		assertThat(link.find()).isTrue();
		ShareId id = new ShareId(link.group(2));
		assertThat(jdbc.sql("SELECT created_via FROM diagnostics_share WHERE id = ?")
			.param(id.value())
			.query(String.class)
			.single()).isEqualTo("slack");

		assertThat(reveal(link.group(1))).isEqualTo(text);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(threadTexts(card.ts()))
				.anyMatch(t -> t.contains("Revealed by someone holding the link") && t.contains("1 view left")));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(updatesOf(card.ts())).anyMatch(blocks -> blocks.contains("1 of 2")));

		assertThat(reveal(link.group(1))).isEqualTo(text);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(threadTexts(card.ts())).anyMatch(t -> t.contains("no views left"));
			assertThat(updatesOf(card.ts()))
				.anyMatch(blocks -> blocks.contains("Burned") && !blocks.contains("diagnostics:revoke"));
			assertThat(slack.calls("chat.update")).anyMatch(c -> c.param("ts").equals(linkMessage.ts())
					&& c.param("text").contains("no longer works") && !c.param("text").contains("/d/"));
		});
	}

	@Test
	void withNobodyPickedTheAudienceIsTheChannelTheCardIsPostedIn() {
		submit(ALICE, "gc log", "3600", "1", "");

		ShareId id = new ShareId(linkIn(slack.calls("chat.postMessage").get(1)).group(2));
		assertThat(diagnostics.summary(id).orElseThrow().audience()).isEqualTo(ShareAudience.channel(CHANNEL));
		assertThat(slack.calls("chat.postMessage").get(0).param("blocks")).contains(
				"*Who can open*\\n" + "members of <#C0INCIDENT> (anyone with the link: Sign in with Slack is off)");
	}

	@Test
	void thePeoplePickedAndTheCreatorAreTheAudience() {
		submit(ALICE, "gc log", "3600", "1", "", List.of(BOB, CAROL));

		ShareId id = new ShareId(linkIn(slack.calls("chat.postMessage").get(1)).group(2));
		assertThat(diagnostics.summary(id).orElseThrow().audience())
			.isEqualTo(ShareAudience.users(List.of(BOB, CAROL, ALICE)));
		SlackCall card = slack.calls("chat.postMessage").get(0);
		assertThat(card.param("blocks"))
			.contains("*Who can open*\\n<@U0BOB0001>, <@U0CAROL01>, <@U0ALICE01> "
					+ "(anyone with the link: Sign in with Slack is off)")
			.doesNotContain("<#C0INCIDENT>");
		assertThat(card.param("text")).contains("Who can open: <@U0BOB0001>, <@U0CAROL01>, <@U0ALICE01>");
	}

	@Test
	void pickingYourselfDoesNotCountTwice() {
		submit(ALICE, "gc log", "3600", "1", "", List.of(ALICE, BOB));

		ShareId id = new ShareId(linkIn(slack.calls("chat.postMessage").get(1)).group(2));
		assertThat(diagnostics.summary(id).orElseThrow().audience().users()).containsExactly(ALICE, BOB);
	}

	@Test
	void anAudienceTooLargeIsRefusedInTheModalAndNothingIsShared() {
		List<String> crowd = java.util.stream.IntStream.rangeClosed(1, ShareAudience.MAX_USERS)
			.mapToObj(i -> "U%08d".formatted(i))
			.toList();

		HttpResponse<String> response = submit(ALICE, "not shared", "3600", "1", "", crowd);

		assertThat(json.readTree(response.body()).path("errors").path("audience").asString()).contains("at most 50")
			.contains("Nothing was shared");
		assertThat(slack.calls("chat.postMessage")).isEmpty();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM diagnostics_share").query(Long.class).single())
			.isEqualTo(sharesBefore);
	}

	@Test
	void noticesNameWhoRevealedAndWhoWasRefused() throws Exception {
		submit(ALICE, "thread dump", "3600", "3", "", List.of(BOB));
		SlackCall card = slack.calls("chat.postMessage").get(0);
		ShareId id = new ShareId(linkIn(slack.calls("chat.postMessage").get(1)).group(2));

		// what the diagnostics module publishes once Sign in with Slack has said who is
		// asking
		publish(new DiagnosticsRevealed(UUID.randomUUID(), clock.instant(), id, BOB, "Bob", "browser", 2, "203.0.113.7",
				""));
		publish(new DiagnosticsRevealRefused(UUID.randomUUID(), clock.instant(), id, "U0MALLORY", "Mallory", "browser",
				DiagnosticsRevealRefused.Reason.NOT_IN_AUDIENCE, 2, "203.0.113.9", ""));
		publish(new DiagnosticsRevealRefused(UUID.randomUUID(), clock.instant(), id, "anonymous", "", "browser",
				DiagnosticsRevealRefused.Reason.NOT_SIGNED_IN, 2, "203.0.113.9", ""));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(threadTexts(card.ts()))
				.anySatisfy(t -> assertThat(t).startsWith(":eyes: Revealed by <@U0BOB0001> (browser) <!date^")
					.endsWith(" · 2 views left"))
				.anySatisfy(t -> assertThat(t)
					.startsWith(":no_entry_sign: A reveal by <@U0MALLORY> was refused (not in the share's audience) ")
					.contains("; no view was used"))
				.anySatisfy(t -> assertThat(t)
					.startsWith(":no_entry_sign: A reveal was refused (not signed in with Slack)")));
	}

	@Test
	void aRefusedAttemptIsNoticedInTheThread() throws Exception {
		submit(ALICE, "config snippet", "3600", "1", "");
		SlackCall card = slack.calls("chat.postMessage").get(0);
		Matcher link = linkIn(slack.calls("chat.postMessage").get(1));
		String id = link.group(2);

		HttpResponse<String> refused = revealWithWrongKey(id);

		assertThat(refused.statusCode()).isEqualTo(404);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(threadTexts(card.ts()))
				.anyMatch(t -> t.contains("A reveal was refused (wrong link key)") && t.contains("1 view left")));
	}

	@Test
	void onlyTheCreatorOrAnIncidentCommanderMayRevoke() throws Exception {
		submit(ALICE, "thread dump", "3600", "1", "");
		SlackCall card = slack.calls("chat.postMessage").get(0);
		String id = linkIn(slack.calls("chat.postMessage").get(1)).group(2);

		clickRevoke("U0MALLORY", id, card.ts());

		assertThat(slack.calls("chat.postEphemeral")).singleElement()
			.satisfies(call -> assertThat(call.param("text")).contains("Only the person who shared"));
		assertThat(state(id)).isEqualTo("READY");

		clickRevoke("U0BOSS001", id, card.ts());

		assertThat(state(id)).isEqualTo("REVOKED");
		assertThat(events.of(DiagnosticsRevoked.class, new ShareId(id))).singleElement()
			.satisfies(e -> assertThat(e.actor()).isEqualTo("U0BOSS001"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(threadTexts(card.ts())).anyMatch(t -> t.contains("Revoked by <@U0BOSS001>"));
			assertThat(updatesOf(card.ts())).anyMatch(blocks -> blocks.contains("Revoked"));
		});
	}

	@Test
	void theCreatorMayRevoke() throws Exception {
		submit(ALICE, "heap histogram", "3600", "1", "");
		SlackCall card = slack.calls("chat.postMessage").get(0);
		String id = linkIn(slack.calls("chat.postMessage").get(1)).group(2);

		clickRevoke(ALICE, id, card.ts());

		assertThat(state(id)).isEqualTo("REVOKED");
		assertThat(slack.calls("chat.postEphemeral")).isEmpty();
	}

	@Test
	void aShareStartedFromAnIncidentThreadIsPostedInThatThread() throws Exception {
		String incidentThread = "1700000000.000100";

		submit(ALICE, "grafana panel json", "3600", "1", incidentThread);

		assertThat(slack.calls("chat.postMessage")).hasSize(2)
			.allSatisfy(call -> assertThat(call.param("thread_ts")).isEqualTo(incidentThread));
	}

	@Test
	void blankTextIsRefusedInTheModal() {
		HttpResponse<String> response = submit(ALICE, "   ", "3600", "1", "");

		assertThat(response.body()).contains("\"response_action\":\"errors\"").contains("Paste something to share");
		assertThat(slack.calls("chat.postMessage")).isEmpty();
	}

	@Test
	void whenSlackRefusesThePostNothingIsShared() {
		slack.failNext("chat.postMessage", "not_in_channel");

		HttpResponse<String> response = submit(ALICE, "will not be shared", "3600", "1", "");

		assertThat(response.body()).contains("invite it with /invite @watchkeeper").contains("Nothing was shared");
		assertThat(events.of(DiagnosticsRevoked.class)).singleElement()
			.satisfies(e -> assertThat(state(e.shareId().value())).isEqualTo("REVOKED"));
	}

	private HttpResponse<String> submit(String user, String text, String ttl, String views, String thread) {
		return submit(user, text, ttl, views, thread, List.of());
	}

	private HttpResponse<String> submit(String user, String text, String ttl, String views, String thread,
			List<String> onlyThese) {
		ObjectNode payload = json.createObjectNode();
		payload.put("type", "view_submission");
		payload.putObject("team").put("id", "T0TEAM").put("domain", "example");
		payload.putObject("user").put("id", user).put("username", user.toLowerCase()).put("team_id", "T0TEAM");
		payload.put("api_app_id", "A0APP");
		payload.put("token", "legacy");
		payload.put("trigger_id", "1.2.3");
		ObjectNode view = payload.putObject("view");
		view.put("id", "V0MODAL");
		view.put("team_id", "T0TEAM");
		view.put("type", "modal");
		view.put("callback_id", "diagnostics:share");
		view.put("private_metadata", ShareOrigin.of(CHANNEL, thread, "").toJson());
		view.put("hash", "1.abc");
		ObjectNode values = view.putObject("state").putObject("values");
		values.putObject("text").putObject("text").put("type", "plain_text_input").put("value", text);
		values.putObject("ttl")
			.putObject("ttl")
			.put("type", "static_select")
			.putObject("selected_option")
			.put("value", ttl);
		values.putObject("views")
			.putObject("views")
			.put("type", "static_select")
			.putObject("selected_option")
			.put("value", views);
		// Slack sends an untouched optional picker as an empty selected_users
		ArrayNode picked = values.putObject("audience")
			.putObject("audience")
			.put("type", "multi_users_select")
			.putArray("selected_users");
		onlyThese.forEach(picked::add);
		return signer.interaction(events(), json.writeValueAsString(payload));
	}

	private void clickRevoke(String user, String shareId, String cardTs) {
		ObjectNode payload = json.createObjectNode();
		payload.put("type", "block_actions");
		payload.putObject("team").put("id", "T0TEAM").put("domain", "example");
		payload.putObject("user").put("id", user).put("username", user.toLowerCase()).put("team_id", "T0TEAM");
		payload.put("api_app_id", "A0APP");
		payload.put("token", "legacy");
		payload.put("trigger_id", "1.2.4");
		payload.putObject("container").put("type", "message").put("message_ts", cardTs).put("channel_id", CHANNEL);
		payload.putObject("channel").put("id", CHANNEL).put("name", "incidents");
		payload.putObject("message").put("ts", cardTs).put("text", "card");
		payload.put("response_url", slack.responseUrl());
		ObjectNode action = payload.putArray("actions").addObject();
		action.put("action_id", "diagnostics:revoke");
		action.put("block_id", "diagnostics:card");
		action.put("value", shareId);
		action.put("type", "button");
		action.put("action_ts", "1700000001.000200");
		HttpResponse<String> response = signer.interaction(events(), json.writeValueAsString(payload));
		assertThat(response.statusCode()).isEqualTo(200);
	}

	/**
	 * Reveals through the real client; the link names the public URL, so it is pointed at
	 * this test's port.
	 */
	private String reveal(String link) throws Exception {
		URI original = URI.create(link);
		URI local = URI.create("http://127.0.0.1:" + port + original.getRawPath() + "#" + original.getRawFragment());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new ShareClient().reveal(local, () -> new char[0], out);
		return out.toString(StandardCharsets.UTF_8);
	}

	private HttpResponse<String> revealWithWrongKey(String id) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI base = URI.create("http://127.0.0.1:" + port);
		String nonce = json
			.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/d/" + id + "/nonce"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString()).body())
			.path("nonce")
			.asString();
		byte[] proof = ShareKeys.proof(ShareKeys.linkProofKey(ShareKeys.randomBytes(32)), "reveal", id,
				ShareKeys.decode(nonce, "nonce"));
		return http.send(HttpRequest.newBuilder(base.resolve("/d/" + id + "/reveal"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString(json.writeValueAsString(Map.of("nonce", nonce, "proof", ShareKeys.encode(proof)))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Publishes in a transaction, as the diagnostics module does: the notices listen
	 * after the commit.
	 */
	private void publish(Object event) {
		transactions.executeWithoutResult(status -> publisher.publishEvent(event));
	}

	private Matcher linkIn(SlackCall call) {
		Matcher m = LINK.matcher(call.param("text"));
		assertThat(m.find()).as("a link in %s", call.param("text")).isTrue();
		return m;
	}

	private List<String> threadTexts(String threadTs) {
		return slack.calls("chat.postMessage")
			.stream()
			.filter(c -> c.param("thread_ts").equals(threadTs))
			.map(c -> c.param("text"))
			.toList();
	}

	private List<String> updatesOf(String ts) {
		return slack.calls("chat.update")
			.stream()
			.filter(c -> c.param("ts").equals(ts))
			.map(c -> c.param("blocks"))
			.toList();
	}

	private String state(String id) {
		return jdbc.sql("SELECT state FROM diagnostics_share WHERE id = ?").param(id).query(String.class).single();
	}

}
