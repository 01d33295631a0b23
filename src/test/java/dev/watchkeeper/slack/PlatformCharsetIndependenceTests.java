package dev.watchkeeper.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Genuine Slack requests carry UTF-8 JSON. On Java 17 with {@code LANG=C} the platform
 * charset is ASCII, and Bolt's own signature check re-encodes the body with it, refusing
 * real requests that mention "café". This test starts the application in a separate JVM
 * with {@code LANG=C} and no {@code -Dfile.encoding} and posts such requests.
 */
class PlatformCharsetIndependenceTests {

	static Process app;

	static URI base;

	static Path log;

	@BeforeAll
	static void startAppWithAsciiLocale() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		base = URI.create("http://127.0.0.1:" + port);
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx512m", "-cp", classpath, "dev.watchkeeper.Watchkeeper", "--server.port=" + port,
						"--spring.datasource.url=jdbc:h2:mem:charset;DB_CLOSE_DELAY=-1",
						"--watchkeeper.slack.signing-secret=" + SlackRequestSigner.TEST_SIGNING_SECRET,
						"--watchkeeper.slack.bot-token=xoxb-test-token",
						"--watchkeeper.slack.api-url=" + FakeSlackApi.shared().apiUrl()));
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> env = builder.environment();
		env.keySet()
			.removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.equals("JAVA_TOOL_OPTIONS")
					|| k.equals("JDK_JAVA_OPTIONS"));
		env.put("LANG", "C");
		env.put("LC_ALL", "C");
		log = Files.createTempFile("watchkeeper-lang-c", ".log");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		app = builder.start();
		HttpClient http = HttpClient.newHttpClient();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!app.isAlive()) {
				throw new IllegalStateException("application exited: " + Files.readString(log));
			}
			try {
				return http
					.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
							HttpResponse.BodyHandlers.ofString())
					.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	@AfterAll
	static void stop() throws IOException {
		if (app != null) {
			app.destroy();
		}
		if (log != null) {
			Files.deleteIfExists(log);
		}
	}

	@Test
	void theChildJvmReallyRunsWithAnAsciiPlatformCharset() throws IOException {
		assertThat(Files.readString(log)).doesNotContain("APPLICATION FAILED TO START");
		// the JVM reports its default charset in no log line; the locale passed is what
		// matters
		assertThat(app.info().commandLine().orElse("")).doesNotContain("file.encoding");
	}

	@Test
	void signedUtf8EventMentioningCafeIsAccepted() {
		String event = """
				{"token":"x","team_id":"T0TEAM","api_app_id":"A0APP","type":"event_callback","event_id":"Ev0CAFE",
				 "event_time":1700000000,"event":{"type":"app_mention","user":"U0ALICE01",
				 "text":"<@UWKBOT0001> the café service is down ☕","channel":"C0INCIDENT","ts":"1700000000.000100",
				 "event_ts":"1700000000.000100"}}
				""";

		HttpResponse<String> response = SlackRequestSigner.withTestSecret()
			.postJson(base.resolve("/slack/events"), event);

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void urlVerificationWithNonAsciiChallengeIsEchoedIntact() {
		HttpResponse<String> response = SlackRequestSigner.withTestSecret()
			.postJson(base.resolve("/slack/events"),
					"{\"token\":\"x\",\"challenge\":\"café-☕-challenge\",\"type\":\"url_verification\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		// Bolt answers the challenge as the plain-text body
		assertThat(response.body()).isEqualTo("café-☕-challenge");
	}

	@Test
	void forgedRequestIsStillRefusedUnderAsciiLocale() {
		HttpResponse<String> response = new SlackRequestSigner("wrong-secret").postJson(base.resolve("/slack/events"),
				"{\"token\":\"x\",\"challenge\":\"café\",\"type\":\"url_verification\"}");

		assertThat(response.statusCode()).isEqualTo(401);
	}

}
