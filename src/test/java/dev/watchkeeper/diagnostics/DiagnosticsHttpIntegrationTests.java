package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.diagnostics.DiagnosticsRevealRefused.Reason;
import dev.watchkeeper.diagnostics.DiagnosticsTestSupport.AuditedEvents;
import dev.watchkeeper.diagnostics.DiagnosticsTestSupport.MovableClock;
import dev.watchkeeper.diagnostics.internal.ShareClient;
import dev.watchkeeper.diagnostics.internal.ShareKeys;
import dev.watchkeeper.diagnostics.internal.Shares;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The HTTP contract: what consumes a view and what does not, headers, uniform refusals,
 * limits.
 */
@DiagnosticsIntegrationTest
class DiagnosticsHttpIntegrationTests {

	static final List<String> PREVIEW_AGENTS = List.of("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
			"Slackbot 1.0 (+https://api.slack.com/robots)", "Slack-ImgProxy (+https://api.slack.com/robots)",
			"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Twitterbot/1.0",
			"Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "WhatsApp/2.23.20.0",
			"TelegramBot (like TwitterBot)", "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0)",
			"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
			"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36");

	static final Map<String, String> SECURITY_HEADERS = Map.of("Content-Security-Policy",
			"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
					+ "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
			"Referrer-Policy", "no-referrer", "Cache-Control", "no-store", "X-Content-Type-Options", "nosniff");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	AuditedEvents events;

	@Autowired
	Shares shares;

	ShareProtocol protocol;

	@BeforeEach
	void setUp() {
		protocol = new ShareProtocol(port);
		events.clear();
	}

	@AfterEach
	void tearDown() {
		// end every share this test left, so quotas and counts start clean for the next
		// one
		clock.advance(Duration.ofDays(8));
		shares.purge();
		clock.reset();
	}

	@Test
	void previewAgentsOpeningTheLinkWithGetOrHeadConsumeNothing() throws Exception {
		ShareClient.Created share = protocol.shareText("thread dump of api-7", 1);
		String id = share.id();
		byte[] page = protocol.get("/d/" + id, "curl/8").body();

		for (String agent : PREVIEW_AGENTS) {
			HttpResponse<byte[]> get = protocol.get("/d/" + id, agent);
			HttpResponse<byte[]> head = protocol.send(HttpRequest.newBuilder(protocol.base.resolve("/d/" + id))
				.header("User-Agent", agent)
				.method("HEAD", HttpRequest.BodyPublishers.noBody())
				.build());
			HttpResponse<byte[]> getReveal = protocol.get("/d/" + id + "/reveal", agent);

			assertThat(get.statusCode()).isEqualTo(200);
			assertThat(get.body()).isEqualTo(page);
			assertThat(head.statusCode()).isEqualTo(200);
			assertThat(head.body()).isEmpty();
			assertThat(getReveal.statusCode()).as("a prefetcher following the reveal path").isEqualTo(405);
		}

		assertThat(viewsLeft(id)).isEqualTo(1);
		assertThat(events.of(DiagnosticsRevealed.class)).isEmpty();
		assertThat(protocol.revealText(share.link(), null)).isEqualTo("thread dump of api-7");
	}

	@Test
	void theViewPageIsTheSameStaticPageForEveryId() {
		ShareClient.Created share = protocol.shareText("x", 1);

		byte[] existing = protocol.get("/d/" + share.id(), "curl/8").body();
		byte[] unknown = protocol.get("/d/AAAAAAAAAAAAAAAAAAAAAA", "curl/8").body();
		byte[] malformed = protocol.get("/d/not-an-id", "curl/8").body();

		assertThat(existing).isEqualTo(unknown).isEqualTo(malformed);
		assertThat(ShareProtocol.text(protocol.get("/d/x", "curl/8"))).contains("/d/assets/view.js")
			.doesNotContain("<script>")
			.doesNotContain("style=");
	}

	@Test
	void everyDiagnosticsRouteSendsTheSecurityHeaders() {
		String id = protocol.shareText("headers", 1).id();
		List<HttpResponse<byte[]>> responses = List.of(protocol.get("/d/new", "curl/8"),
				protocol.get("/d/" + id, "curl/8"), protocol.get("/d/assets/share.js", "curl/8"),
				protocol.get("/d/assets/diagnostics.css", "curl/8"), protocol.get("/d/assets/missing.js", "curl/8"),
				protocol.get("/api/d/limits", "curl/8"), protocol.post("/api/d/" + id + "/nonce", Map.of()),
				protocol.post("/api/d/" + id + "/status", Map.of("nonce", "AAAA", "proof", "AAAA")),
				protocol.reveal(id, protocol.nonce(id), new byte[32], null),
				protocol.post("/api/d", Map.of("linkVerifier", ShareKeys.encode(new byte[32]), "size", 1L << 40)),
				protocol.send(HttpRequest.newBuilder(protocol.base.resolve("/d/" + id + "/reveal"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{not json"))
					.build()),
				protocol.send(HttpRequest.newBuilder(protocol.base.resolve("/d/" + id)).DELETE().build()),
				protocol.get("/api/d/" + id + "/ciphertext", "curl/8"));

		assertThat(responses).extracting(HttpResponse::statusCode)
			.containsExactly(200, 200, 200, 200, 404, 200, 200, 400, 404, 413, 400, 405, 404);
		for (HttpResponse<byte[]> response : responses) {
			SECURITY_HEADERS.forEach((name, value) -> assertThat(response.headers().allValues(name))
				.as("%s on %s %s", name, response.request().method(), response.uri())
				.containsExactly(value));
		}
	}

	@Test
	void errorsAreClearJsonWithoutStackTraces() {
		String id = protocol.shareText("errors", 1).id();

		HttpResponse<byte[]> notJson = protocol
			.send(HttpRequest.newBuilder(protocol.base.resolve("/d/" + id + "/reveal"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{not json"))
				.build());
		HttpResponse<byte[]> badNonce = protocol.post("/d/" + id + "/reveal", Map.of("nonce", "***", "proof", "x"));
		HttpResponse<byte[]> missingVerifier = protocol.post("/api/d", Map.of("views", 1));
		HttpResponse<byte[]> tooManyViews = protocol.post("/api/d",
				Map.of("views", 11, "linkVerifier", ShareKeys.encode(new byte[32])));
		HttpResponse<byte[]> tooShort = protocol.post("/api/d",
				Map.of("ttlSeconds", 60, "linkVerifier", ShareKeys.encode(new byte[32])));

		assertThat(ShareProtocol.text(notJson)).contains("\"error\":\"bad_request\"").doesNotContain("Exception");
		assertThat(ShareProtocol.text(badNonce)).contains("nonce is not base64url");
		assertThat(ShareProtocol.text(missingVerifier)).contains("linkVerifier is required");
		assertThat(ShareProtocol.text(tooManyViews)).contains("views must be between 1 and 10");
		assertThat(ShareProtocol.text(tooShort)).contains("the lifetime must be between 5 minutes and 7 days");
		assertThat(viewsLeft(id)).isEqualTo(1);
	}

	@Test
	void unknownExpiredBurnedRevokedAndUnprovenIdsAnswerIdentically() {
		ShareClient.Created burned = protocol.shareText("burned", 1);
		assertThat(protocol.reveal(burned.id(), ShareProtocol.key(burned.link())).statusCode()).isEqualTo(200);
		ShareClient.Created revoked = protocol.shareText("revoked", 1);
		byte[] nonce = protocol.nonce(revoked.id());
		assertThat(protocol.post("/api/d/" + revoked.id() + "/revoke",
				Map.of("nonce", ShareKeys.encode(nonce), "proof", ShareKeys.encode(ShareKeys
					.proof(ShareKeys.linkProofKey(ShareProtocol.key(revoked.link())), "revoke", revoked.id(), nonce))))
			.statusCode()).isEqualTo(204);
		ShareClient.Created expired = protocol.shareText("expired", 1, Duration.ofMinutes(5), null);
		ShareClient.Created live = protocol.shareText("live", 1);
		clock.advance(Duration.ofMinutes(6));

		List<HttpResponse<byte[]>> statuses = List.of(
				protocol.status("AAAAAAAAAAAAAAAAAAAAAA", ShareKeys.randomBytes(32)),
				protocol.status("nonsense", ShareKeys.randomBytes(32)),
				protocol.status(burned.id(), ShareProtocol.key(burned.link())),
				protocol.status(revoked.id(), ShareProtocol.key(revoked.link())),
				protocol.status(expired.id(), ShareProtocol.key(expired.link())),
				protocol.status(live.id(), ShareKeys.randomBytes(32)));
		List<HttpResponse<byte[]>> reveals = List.of(
				protocol.reveal("AAAAAAAAAAAAAAAAAAAAAA", ShareKeys.randomBytes(32)),
				protocol.reveal("nonsense", ShareKeys.randomBytes(32)),
				protocol.reveal(burned.id(), ShareProtocol.key(burned.link())),
				protocol.reveal(revoked.id(), ShareProtocol.key(revoked.link())),
				protocol.reveal(expired.id(), ShareProtocol.key(expired.link())),
				protocol.reveal(live.id(), ShareKeys.randomBytes(32)));

		for (List<HttpResponse<byte[]>> answers : List.of(statuses, reveals)) {
			String first = ShareProtocol.text(answers.get(0));
			assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(404);
			assertThat(answers).extracting(ShareProtocol::text).containsOnly(first);
			assertThat(first).contains("This link is not available");
		}
		assertThat(viewsLeft(live.id())).isEqualTo(1);
	}

	@Test
	void wrongProofConsumesNothingAndIsAudited() throws Exception {
		ShareClient.Created share = protocol.shareText("db password rotated at 10:42", 1);
		byte[] nonce = protocol.nonce(share.id());
		byte[] wrongProof = ShareKeys.proof(ShareKeys.linkProofKey(ShareKeys.randomBytes(32)), "reveal", share.id(),
				nonce);

		HttpResponse<byte[]> refused = protocol.reveal(share.id(), nonce, wrongProof, null);

		assertThat(refused.statusCode()).isEqualTo(404);
		assertThat(viewsLeft(share.id())).isEqualTo(1);
		assertThat(events.of(DiagnosticsRevealRefused.class, new ShareId(share.id())))
			.extracting(DiagnosticsRevealRefused::reason)
			.containsExactly(Reason.WRONG_KEY);
		assertThat(protocol.revealText(share.link(), null)).isEqualTo("db password rotated at 10:42");
	}

	@Test
	void aNonceWorksOnceSoACapturedRequestCannotBeReplayed() {
		ShareClient.Created share = protocol.shareText("replay", 2);
		byte[] nonce = protocol.nonce(share.id());
		byte[] proof = ShareKeys.proof(ShareKeys.linkProofKey(ShareProtocol.key(share.link())), "reveal", share.id(),
				nonce);

		HttpResponse<byte[]> first = protocol.reveal(share.id(), nonce, proof, null);
		HttpResponse<byte[]> replayed = protocol.reveal(share.id(), nonce, proof, null);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(replayed.statusCode()).isEqualTo(404);
		assertThat(viewsLeft(share.id())).isEqualTo(1);
		assertThat(events.of(DiagnosticsRevealRefused.class, new ShareId(share.id())))
			.extracting(DiagnosticsRevealRefused::reason)
			.containsExactly(Reason.INVALID_NONCE);
	}

	@Test
	void wrongPassphraseConsumesNothingAndSaysSo() throws Exception {
		ShareClient.Created share = protocol.shareText("kubeconfig for the incident", 1, Duration.ofHours(1),
				"correct horse battery staple");

		assertThatThrownBy(() -> protocol.revealText(share.link(), "Tr0ub4dor&3"))
			.isInstanceOf(ShareClient.Refused.class)
			.hasMessage("Wrong passphrase. No view was used. Attempts left before the share is destroyed: 4.");
		assertThat(viewsLeft(share.id())).isEqualTo(1);
		assertThat(protocol.revealText(share.link(), "correct horse battery staple"))
			.isEqualTo("kubeconfig for the incident");
		assertThat(events.of(DiagnosticsRevealRefused.class, new ShareId(share.id())))
			.extracting(DiagnosticsRevealRefused::reason)
			.containsExactly(Reason.WRONG_PASSPHRASE);
	}

	@Test
	void tooManyWrongPassphrasesDestroyTheShare() throws Exception {
		ShareClient.Created share = protocol.shareText("secret", 3, Duration.ofHours(1), "right");
		for (int attempt = 1; attempt < 5; attempt++) {
			assertThatThrownBy(() -> protocol.revealText(share.link(), "wrong"))
				.hasMessageContaining("Wrong passphrase");
		}

		assertThatThrownBy(() -> protocol.revealText(share.link(), "wrong"))
			.hasMessage("Too many wrong passphrases: the share was destroyed.");
		assertThatThrownBy(() -> protocol.revealText(share.link(), "right"))
			.hasMessageContaining("This link is not available");
		assertThat(serverKey(share.id())).isNull();
	}

	@Test
	void withoutSignInWithSlackTheLinkHolderMayRevealAnyAudience() {
		ShareClient.Created share = protocol.shareText("no sign-in configured here", 1);

		HttpResponse<byte[]> status = protocol.status(share.id(), ShareProtocol.key(share.link()));

		tools.jackson.databind.JsonNode answer = ShareProtocol.json.readTree(status.body());
		assertThat(answer.path("access").asString()).isEqualTo("link_holder");
		assertThat(answer.has("signIn")).isFalse();
		assertThat(protocol.reveal(share.id(), ShareProtocol.key(share.link())).statusCode()).isEqualTo(200);
	}

	@Test
	void theLastViewDeletesTheServerHalfAtOnce() {
		ShareClient.Created share = protocol.shareText("two views", 2);

		protocol.reveal(share.id(), ShareProtocol.key(share.link()));
		assertThat(serverKey(share.id())).isNotNull();
		protocol.reveal(share.id(), ShareProtocol.key(share.link()));

		assertThat(serverKey(share.id())).isNull();
		assertThat(jdbc.sql("SELECT state FROM diagnostics_share WHERE id = ?")
			.param(share.id())
			.query(String.class)
			.single()).isEqualTo("BURNED");
	}

	@Test
	void aBrokenDownloadResumesWithRangeUnderTheLeaseWithoutAnotherView() {
		ShareClient.Created share = protocol.shareText("x".repeat(3_000_000), 1);
		HttpResponse<byte[]> revealed = protocol.reveal(share.id(), ShareProtocol.key(share.link()));
		String lease = revealed.headers().firstValue("Watchkeeper-Lease").orElseThrow();
		byte[] whole = revealed.body();

		HttpResponse<byte[]> rest = protocol
			.send(HttpRequest.newBuilder(protocol.base.resolve("/api/d/" + share.id() + "/ciphertext"))
				.header("Watchkeeper-Lease", lease)
				.header("Range", "bytes=1000000-")
				.GET()
				.build());
		HttpResponse<byte[]> withoutLease = protocol
			.send(HttpRequest.newBuilder(protocol.base.resolve("/api/d/" + share.id() + "/ciphertext"))
				.header("Range", "bytes=1000000-")
				.GET()
				.build());
		ShareClient.Created other = protocol.shareText("other", 1);
		HttpResponse<byte[]> leaseOfAnotherShare = protocol
			.send(HttpRequest.newBuilder(protocol.base.resolve("/api/d/" + other.id() + "/ciphertext"))
				.header("Watchkeeper-Lease", lease)
				.GET()
				.build());

		assertThat(rest.statusCode()).isEqualTo(206);
		assertThat(rest.headers().firstValue("Content-Range"))
			.hasValue("bytes 1000000-" + (whole.length - 1) + "/" + whole.length);
		assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(whole, 1_000_000, whole.length));
		assertThat(withoutLease.statusCode()).isEqualTo(404);
		assertThat(leaseOfAnotherShare.statusCode()).isEqualTo(404);
		clock.advance(Duration.ofMinutes(11));
		assertThat(protocol.send(rest.request()).statusCode()).as("after the lease").isEqualTo(404);
	}

	@Test
	void declaredSizeOverTheLimitIsRefusedWith413BeforeAnyUpload() {
		HttpResponse<byte[]> response = protocol.post("/api/d",
				Map.of("size", 17L * 1024 * 1024, "linkVerifier", ShareKeys.encode(new byte[32])));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(ShareProtocol.text(response)).contains("larger than the limit of 16777216 bytes");
	}

	@Test
	void streamedUploadPastTheLimitIsCutOffWith413AndLeavesNothing() {
		Map<String, Object> created = created(Map.of("linkVerifier", ShareKeys.encode(new byte[32])));
		byte[] body = validHeaderFollowedBy(17 * 1024 * 1024);

		HttpResponse<byte[]> response = upload(created, 0, true,
				HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(jdbc.sql("SELECT state FROM diagnostics_share WHERE id = ?")
			.param(created.get("id"))
			.query(String.class)
			.single()).isEqualTo("REVOKED");
		assertThat(storedFile((String) created.get("id"))).doesNotExist();
	}

	@Test
	void uploadPartsMustFollowEachOtherAndTheFirstMustCarryAValidHeader() {
		Map<String, Object> created = created(Map.of("linkVerifier", ShareKeys.encode(new byte[32])));
		byte[] part = validHeaderFollowedBy(1000);

		HttpResponse<byte[]> garbage = upload(created, 0, false, HttpRequest.BodyPublishers.ofByteArray(new byte[200]));
		HttpResponse<byte[]> first = upload(created, 0, false, HttpRequest.BodyPublishers.ofByteArray(part));
		HttpResponse<byte[]> gap = upload(created, 5000, true, HttpRequest.BodyPublishers.ofByteArray(part));
		HttpResponse<byte[]> wrongToken = protocol
			.send(HttpRequest.newBuilder(protocol.base.resolve("/api/d/" + created.get("id") + "/ciphertext"))
				.header("Authorization", "Bearer not-the-token")
				.PUT(HttpRequest.BodyPublishers.ofByteArray(part))
				.build());

		assertThat(garbage.statusCode()).isEqualTo(400);
		assertThat(ShareProtocol.text(garbage)).contains("the first part must start with a valid header");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(gap.statusCode()).isEqualTo(409);
		assertThat(ShareProtocol.text(gap)).contains("\"expected\":" + part.length);
		assertThat(wrongToken.statusCode()).isEqualTo(404);
	}

	@Test
	void liveSharesCannotExceedTheTotalStorage() {
		List<String> reserved = new java.util.ArrayList<>();
		HttpResponse<byte[]> response;
		int guard = 0;
		do {
			response = protocol.post("/api/d",
					Map.of("size", 16L * 1024 * 1024, "linkVerifier", ShareKeys.encode(new byte[32])));
			if (response.statusCode() == 201) {
				reserved.add(ShareProtocol.json.readTree(response.body()).path("id").asString());
			}
		}
		while (response.statusCode() == 201 && ++guard < 10);

		assertThat(response.statusCode()).isEqualTo(507);
		assertThat(ShareProtocol.text(response)).contains("diagnostics storage is full");
		assertThat(reserved).isNotEmpty();
	}

	private Map<String, Object> created(Map<String, Object> request) {
		HttpResponse<byte[]> response = protocol.post("/api/d", request);
		assertThat(response.statusCode()).isEqualTo(201);
		@SuppressWarnings("unchecked")
		Map<String, Object> created = ShareProtocol.json.readValue(response.body(), Map.class);
		return created;
	}

	private HttpResponse<byte[]> upload(Map<String, Object> created, long offset, boolean complete,
			HttpRequest.BodyPublisher body) {
		return protocol
			.send(HttpRequest.newBuilder(protocol.base.resolve("/api/d/" + created.get("id") + "/ciphertext"))
				.header("Authorization", "Bearer " + created.get("uploadToken"))
				.header("Watchkeeper-Upload-Offset", Long.toString(offset))
				.header("Watchkeeper-Upload-Complete", Boolean.toString(complete))
				.PUT(body)
				.build());
	}

	private static byte[] validHeaderFollowedBy(int bytes) {
		byte[] header = dev.watchkeeper.diagnostics.internal.ShareHeader.random(null).toBytes();
		byte[] body = Arrays.copyOf(header, header.length + bytes);
		return body;
	}

	private java.nio.file.Path storedFile(String id) {
		return java.nio.file.Path.of("target/test-diagnostics", id + ".wkd");
	}

	private int viewsLeft(String id) {
		return jdbc.sql("SELECT views_left FROM diagnostics_share WHERE id = ?")
			.param(id)
			.query(Integer.class)
			.single();
	}

	private byte[] serverKey(String id) {
		return jdbc.sql("SELECT server_key FROM diagnostics_share WHERE id = ?")
			.param(id)
			.query((rs, row) -> rs.getBytes(1))
			.list()
			.get(0);
	}

}
