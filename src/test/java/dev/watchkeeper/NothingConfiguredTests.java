package dev.watchkeeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.testkit.SlackRequestSigner;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With no settings at all Watchkeeper starts on the embedded database, serves health, and
 * says what is off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:nothing-configured;DB_CLOSE_DELAY=-1")
@ExtendWith(OutputCaptureExtension.class)
class NothingConfiguredTests {

	@LocalServerPort
	int port;

	@Test
	void healthIsUpOnTheEmbeddedDefaults() {
		HttpResponse<String> response = SlackRequestSigner.withTestSecret()
			.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
				.build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"UP\"");
	}

	@Test
	void slackEndpointSaysWhichVariableTurnsItOn() {
		HttpResponse<String> response = SlackRequestSigner.withTestSecret()
			.slashCommand(URI.create("http://127.0.0.1:" + port + "/slack/events"), "/wk", "help", "U0ALICE01",
					"C0INCIDENT");

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("SLACK_SIGNING_SECRET");
	}

	@Test
	void prometheusMetricsAreServed() {
		HttpResponse<String> response = SlackRequestSigner.withTestSecret()
			.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
				.build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void startupReportNamesTheVariablesThatEnableEachFeature(CapturedOutput output) {
		assertThat(output.getAll()).contains("feature off: Slack HTTP mode").contains("set SLACK_SIGNING_SECRET");
	}

}
