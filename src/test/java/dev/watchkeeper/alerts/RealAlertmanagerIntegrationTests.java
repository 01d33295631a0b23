package dev.watchkeeper.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.testkit.ExternalTools;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.FakeSlackApi.SlackCall;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end with a real Alertmanager (Debian's {@code prometheus-alertmanager},
 * installed by {@code .ci/run}): alerts posted to its API are grouped by Alertmanager,
 * sent to Watchkeeper's webhook with the bearer token, and arrive as one incident message
 * in the fake Slack, which resolves in place. Skipped (outside CI) when the binary is
 * missing.
 */
@AlertsIntegrationTest
class RealAlertmanagerIntegrationTests {

	private static final String BINARY = System.getProperty("alertmanager.binary", "/usr/bin/prometheus-alertmanager");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	private final FakeSlackApi fake = FakeSlackApi.shared();

	private final SlackActivity slack = new SlackActivity(fake);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String test = UUID.randomUUID().toString().substring(0, 8);

	private @Nullable Process alertmanager;

	private URI api;

	@BeforeEach
	void startAlertmanager() throws IOException {
		// skips with a message on a machine without it; fails in CI, where .ci/run
		// installs it
		Path binary = ExternalTools.require(BINARY, "prometheus-alertmanager");
		fake.reset();
		int amPort = freePort();
		api = URI.create("http://127.0.0.1:" + amPort);
		Path config = dir.resolve("alertmanager.yml");
		Files.writeString(config, """
				route:
				  receiver: watchkeeper
				  group_by: ['alertname', 'test']
				  group_wait: 1s
				  group_interval: 1s
				  repeat_interval: 1h
				receivers:
				  - name: watchkeeper
				    webhook_configs:
				      - url: http://127.0.0.1:%d/hooks/alertmanager
				        send_resolved: true
				        http_config:
				          authorization:
				            credentials: %s
				""".formatted(port, AlertHooks.TOKEN));
		alertmanager = new ProcessBuilder(binary.toString(), "--config.file=" + config,
				"--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + amPort,
				"--cluster.listen-address=", "--web.external-url=" + api)
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("alertmanager.log").toFile())
			.start();
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> get(api.resolve("/-/ready")).statusCode() == 200);
	}

	@AfterEach
	void stopAlertmanager() throws InterruptedException {
		if (alertmanager != null) {
			alertmanager.destroy();
			alertmanager.waitFor();
		}
		SlackActivity.awaitIdle(jdbc);
	}

	@Test
	void alertsPostedToAlertmanagerArriveAsOneIncidentMessage() throws Exception {
		Instant start = Instant.now().minusSeconds(60);
		postAlerts(start, null);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> slack.posts(test).size() == 1
					&& text(slack.latest(slack.posts(test).get(0))).contains("3 firing"));
		SlackCall post = slack.posts(test).get(0);
		assertThat(post.param("channel")).isEqualTo(AlertHooks.DEFAULT_CHANNEL);
		assertThat(text(post)).contains(api + "/#/silences/new?filter=");

		postAlerts(start, Instant.now());

		await().atMost(Duration.ofSeconds(30))
			.until(() -> text(slack.latest(post)).contains("[RESOLVED]") && slack.replies(post.ts()).size() == 1);
		assertThat(slack.posts(test)).as("one message per incident, however often Alertmanager notifies").hasSize(1);
	}

	private void postAlerts(Instant start, @Nullable Instant end) throws Exception {
		List<Map<String, Object>> alerts = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			Map<String, Object> alert = new LinkedHashMap<>();
			alert.put("labels", Map.of("alertname", "RealAlertmanagerTest", "test", test, "instance", "node-" + i,
					"severity", "critical"));
			alert.put("annotations", Map.of("summary", "node-" + i + " is down"));
			alert.put("startsAt", start.toString());
			if (end != null) {
				alert.put("endsAt", end.toString());
			}
			alert.put("generatorURL", "http://prometheus.example.com:9090/graph?g0.expr=up");
			alerts.add(alert);
		}
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve("/api/v2/alerts"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(alerts)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private HttpResponse<String> get(URI uri) throws Exception {
		return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String text(SlackCall call) {
		return String.join("\n", SlackActivity.strings(call));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
