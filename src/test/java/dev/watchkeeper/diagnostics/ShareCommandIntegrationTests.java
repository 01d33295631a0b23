package dev.watchkeeper.diagnostics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.watchkeeper.diagnostics.DiagnosticsTestSupport.RequestRecorder;
import dev.watchkeeper.diagnostics.internal.ShareCommand;
import dev.watchkeeper.diagnostics.internal.ShareKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code java -jar watchkeeper.jar share ...} against a running server, as an on-call
 * engineer types it.
 */
@DiagnosticsIntegrationTest
class ShareCommandIntegrationTests {

	static final String SHARE_ID = "AAAAAAAAAAAAAAAAAAAAAA";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RequestRecorder recorder;

	/**
	 * A stand-in server with Sign in with Slack, for the refusals a terminal meets (the
	 * real sign-in needs Slack).
	 */
	WireMockServer signInServer;

	/** What the last {@code --get} printed on stderr. */
	String lastErr = "";

	@AfterEach
	void stopStandIns() {
		recorder.stop();
		if (signInServer != null) {
			signInServer.stop();
		}
	}

	@TempDir
	Path dir;

	@Test
	void sharesAFileAndPrintsOnlyTheLinkThenGetsItBack() throws Exception {
		Path file = dir.resolve("threads.txt");
		Files.writeString(file, "\"main\" #1 prio=5 os_prio=0 tid=0x00007f RUNNABLE\n".repeat(40_000));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int shared = new ShareCommand().run(
				List.of(file.toString(), "--ttl", "4h", "--views", "1", "--server", "http://127.0.0.1:" + port),
				new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err));

		assertThat(shared).isZero();
		String link = out.toString(StandardCharsets.UTF_8).strip();
		assertThat(link).matches("http://127\\.0\\.0\\.1:" + port + "/d/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}");
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Encrypted locally").contains("1 view");

		Path target = dir.resolve("copy.txt");
		ByteArrayOutputStream getErr = new ByteArrayOutputStream();
		int got = new ShareCommand().run(List.of("--get", link, "--out", target.toString()),
				new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(getErr));

		assertThat(got).isZero();
		assertThat(Files.mismatch(file, target)).isEqualTo(-1);
		assertThat(getErr.toString(StandardCharsets.UTF_8)).contains("(threads.txt)")
			.contains("that was the last view");
		assertThat(dir.resolve("copy.txt.part")).doesNotExist();
	}

	@Test
	void readsThePassphraseFromTheFirstLineOfStdinWhenThereIsNoConsole() throws Exception {
		Path file = dir.resolve("secret.env");
		Files.writeString(file, "DB_PASSWORD=rotated-at-10-42\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		new ShareCommand().run(List.of(file.toString(), "--passphrase", "--server", "http://127.0.0.1:" + port),
				new ByteArrayInputStream("pass phrase\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(out),
				new PrintStream(new ByteArrayOutputStream()));
		String link = out.toString(StandardCharsets.UTF_8).strip();
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		new ShareCommand().run(List.of("--get", link), new ByteArrayInputStream("pass phrase\n".getBytes()),
				new PrintStream(content), new PrintStream(new ByteArrayOutputStream()));

		assertThat(content.toString(StandardCharsets.UTF_8)).isEqualTo("DB_PASSWORD=rotated-at-10-42\n");
	}

	@Test
	void stdinOfUnknownLengthIsStreamed() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] piped = "jstack output\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);

		new ShareCommand().run(List.of("-", "--server", "http://127.0.0.1:" + port), new ByteArrayInputStream(piped),
				new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		new ShareCommand().run(List.of("--get", out.toString(StandardCharsets.UTF_8).strip()),
				new ByteArrayInputStream(new byte[0]), new PrintStream(content),
				new PrintStream(new ByteArrayOutputStream()));

		assertThat(content.toByteArray()).isEqualTo(piped);
	}

	@Test
	void aFailedGetLeavesNoPartialFile() throws Exception {
		Path target = dir.resolve("never.txt");
		String unknown = "http://127.0.0.1:" + port + "/d/AAAAAAAAAAAAAAAAAAAAAA#" + "A".repeat(43);

		Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
				() -> new ShareCommand().run(List.of("--get", unknown, "--out", target.toString()),
						new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
						new PrintStream(new ByteArrayOutputStream())));

		assertThat(failure).hasMessageContaining("This link is not available");
		assertThat(target).doesNotExist();
		assertThat(dir.resolve("never.txt.part")).doesNotExist();
	}

	@Test
	void theAudienceOptionsTravelWithTheShareAndTheCommandSaysTheyAreNotEnforcedHere() throws Exception {
		Path file = dir.resolve("gc.log");
		Files.writeString(file, "[12.345s][info][gc] Pause Young (Normal) 512M->128M(1024M) 7.123ms\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int shared = new ShareCommand().run(
				List.of(file.toString(), "--channel", "C0INCIDENT1", "--user", "U0ALICE01", "--users",
						"U0BOB0001, U0CAROL01", "--server", "http://127.0.0.1:" + port),
				new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err));

		assertThat(shared).isZero();
		String id = ShareProtocol.id(java.net.URI.create(out.toString(StandardCharsets.UTF_8).strip()));
		Map<String, Object> row = jdbc
			.sql("SELECT audience_channel, audience_users FROM diagnostics_share WHERE id = ?")
			.param(id)
			.query()
			.singleRow();
		assertThat(row.get("audience_channel")).isEqualTo("C0INCIDENT1");
		assertThat(row.get("audience_users")).isEqualTo("U0ALICE01 U0BOB0001 U0CAROL01");
		assertThat(err.toString(StandardCharsets.UTF_8))
			.contains("does not have Sign in with Slack, so the audience is recorded but not enforced")
			.contains("Audience: members of C0INCIDENT1 and 3 named people.");
	}

	@Test
	void aMalformedAudienceIdIsRefusedBeforeAnythingIsUploaded() throws Exception {
		Path file = dir.resolve("config.yaml");
		Files.writeString(file, "pool: {max: 50}\n");
		long sharesBefore = jdbc.sql("SELECT count(*) FROM diagnostics_share").query(Long.class).single();
		recorder.start();

		assertThatThrownBy(() -> new ShareCommand().run(
				List.of(file.toString(), "--users", "U0ALICE01,alice", "--server", "http://127.0.0.1:" + port),
				new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(new ByteArrayOutputStream())))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("--users alice: audience users must be Slack user ids like U0123ABCD (profile → ⋮ → Copy "
					+ "member ID)");
		assertThatThrownBy(() -> new ShareCommand().run(
				List.of(file.toString(), "--channel", "#incident-42", "--server", "http://127.0.0.1:" + port),
				new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(new ByteArrayOutputStream())))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("--channel #incident-42: the audience channel must be a Slack channel id");

		assertThat(recorder.stop()).as("nothing was sent").isEmpty();
		assertThat(jdbc.sql("SELECT count(*) FROM diagnostics_share").query(Long.class).single())
			.isEqualTo(sharesBefore);
	}

	@Test
	void aShareThatNeedsSignInWithSlackIsRefusedInOneLineBeforeThePassphraseIsAskedAndNothingIsWritten()
			throws Exception {
		startSignInServer("sign_in_required", true);
		Path target = dir.resolve("heap.txt");

		int exit = getFromSignInServer(target, new ByteArrayOutputStream());

		assertThat(exit).isEqualTo(1);
		assertThat(lastErr)
			.isEqualTo("This share requires Sign in with Slack: open the link in a browser; no view was used."
					+ System.lineSeparator());
		signInServer.verify(0, postRequestedFor(urlMatching("/d/.*/reveal")));
		assertThat(target).doesNotExist();
		assertThat(dir.resolve("heap.txt.part")).doesNotExist();
	}

	@Test
	void aRevealRefusedForWantOfASlackSessionSaysSoInOneLineAndWritesNothing() throws Exception {
		startSignInServer("link_holder", false);
		revealAnswers(401, """
				{"error":"sign_in_required","message":"Sign in with Slack to reveal this share: open the link in a \
				browser. No view was used.","signIn":"/d/sign-in?share=%s"}""".formatted(SHARE_ID), Map.of());
		Path target = dir.resolve("heap.txt");

		int exit = getFromSignInServer(target, new ByteArrayOutputStream());

		assertThat(exit).isEqualTo(1);
		assertThat(lastErr)
			.isEqualTo("This share requires Sign in with Slack: open the link in a browser; no view was used."
					+ System.lineSeparator());
		signInServer.verify(1, postRequestedFor(urlEqualTo("/d/" + SHARE_ID + "/reveal")));
		assertThat(target).doesNotExist();
		assertThat(dir.resolve("heap.txt.part")).doesNotExist();
	}

	@Test
	void refusalsAboutTheAudienceShowTheServersMessageAndWriteNothing() throws Exception {
		String notInAudience = "This share is only for the members of its channel and the people its creator named, "
				+ "and you are not one of them. No view was used; ask whoever shared it.";
		String unavailable = "Slack could not confirm who may open this share right now. No view was used; try again "
				+ "in a minute.";
		startSignInServer("link_holder", false);
		revealAnswers(403, "{\"error\":\"not_in_audience\",\"message\":\"" + notInAudience + "\"}", Map.of());
		ByteArrayOutputStream content = new ByteArrayOutputStream();

		assertThat(getFromSignInServer(null, content)).isEqualTo(1);
		assertThat(lastErr).isEqualTo(notInAudience + System.lineSeparator());

		revealAnswers(503, "{\"error\":\"audience_unavailable\",\"message\":\"" + unavailable + "\"}",
				Map.of("Retry-After", "30"));
		assertThat(getFromSignInServer(null, content)).isEqualTo(1);
		assertThat(lastErr).isEqualTo(unavailable + System.lineSeparator());
		assertThat(content.size()).as("nothing on stdout").isZero();
	}

	@Test
	void theHelpSaysTheAudienceIsEnforcedOnlyWithSignInWithSlack() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		int exit = new ShareCommand().run(List.of("--help"), new ByteArrayInputStream(new byte[0]),
				new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));

		assertThat(exit).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("--channel ID", "--user ID", "--users ID,ID")
			.contains("enforced only when the server has Sign in with Slack");
		assertThat(new ShareCommand().usage()).contains("--channel", "--user", "enforced only with Sign in with Slack");
	}

	/**
	 * Answers nonce and status like a server with Sign in with Slack; {@code access} is
	 * what status says.
	 */
	private void startSignInServer(String access, boolean passphrase) {
		signInServer = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		signInServer.start();
		String nonce = ShareKeys.encode(new byte[32]);
		signInServer.stubFor(post(urlEqualTo("/api/d/" + SHARE_ID + "/nonce")).willReturn(okJson("""
				{"nonce":"%s"}""".formatted(nonce))));
		signInServer.stubFor(post(urlEqualTo("/api/d/" + SHARE_ID + "/status")).willReturn(okJson("""
				{"viewsLeft":1,"maxViews":1,"expiresAt":"2030-01-01T00:00:00Z","size":1000,"passphrase":%s,
				 "passphraseSalt":"%s","passphraseIterations":600000,"passphraseAttemptsLeft":5,"access":"%s",
				 "signIn":"/d/sign-in?share=%s","audience":{"channel":"C0INCIDENT1","users":0,"wholeTeam":false}}"""
			.formatted(passphrase, ShareKeys.encode(new byte[16]), access, SHARE_ID))));
	}

	private void revealAnswers(int status, String body, Map<String, String> headers) {
		var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
		headers.forEach(response::withHeader);
		signInServer.stubFor(post(urlEqualTo("/d/" + SHARE_ID + "/reveal")).willReturn(response));
	}

	/**
	 * {@code share --get LINK [--out target]} with a passphrase waiting on stdin; keeps
	 * what it printed on stderr.
	 */
	private int getFromSignInServer(Path target, ByteArrayOutputStream stdout) throws Exception {
		String link = "http://127.0.0.1:" + signInServer.port() + "/d/" + SHARE_ID + "#"
				+ ShareKeys.encode(new byte[32]);
		List<String> args = target == null ? List.of("--get", link)
				: List.of("--get", link, "--out", target.toString());
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = new ShareCommand().run(args, new ByteArrayInputStream("pass phrase\n".getBytes()),
				new PrintStream(stdout), new PrintStream(err, true, StandardCharsets.UTF_8));
		lastErr = err.toString(StandardCharsets.UTF_8);
		return exit;
	}

}
