package dev.watchkeeper.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.PostgresIntegrationTest;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@PostgresIntegrationTest
class SlackEventsIntegrationTests {

	@LocalServerPort
	int port;

	final SlackRequestSigner slack = SlackRequestSigner.withTestSecret();

	URI events;

	@BeforeEach
	void setUp() {
		events = URI.create("http://127.0.0.1:" + port + "/slack/events");
		FakeSlackApi.shared().reset();
	}

	@Test
	void signedHelpCommandListsTheCommands() {
		HttpResponse<String> response = slack.slashCommand(events, "/wk", "help", "U0ALICE01", "C0INCIDENT");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Watchkeeper commands").contains("/wk help");
	}

	@Test
	void emptyCommandTextAlsoShowsHelp() {
		HttpResponse<String> response = slack.slashCommand(events, "/wk", "", "U0ALICE01", "C0INCIDENT");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Watchkeeper commands");
	}

	@Test
	void unknownSubcommandIsEscapedAndAnsweredWithHelp() {
		HttpResponse<String> response = slack.slashCommand(events, "/wk", "<!channel>", "U0ALICE01", "C0INCIDENT");

		assertThat(response.statusCode()).isEqualTo(200);
		String text = new tools.jackson.databind.ObjectMapper().readTree(response.body()).get("text").asString();
		assertThat(text).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
	}

	@Test
	void forgedSignatureIsRefused() {
		HttpResponse<String> response = new SlackRequestSigner("not-the-secret").slashCommand(events, "/wk", "help",
				"U0ALICE01", "C0INCIDENT");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("invalid_signature").doesNotContain("Watchkeeper commands");
	}

	@Test
	void missingSignatureIsRefused() {
		HttpResponse<String> response = slack.postUnsigned(events, "application/x-www-form-urlencoded",
				"command=%2Fwk&text=help".getBytes(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void timestampOlderThanFiveMinutesIsRefused() {
		HttpResponse<String> response = slack.at(Instant.now().minus(Duration.ofMinutes(6)))
			.slashCommand(events, "/wk", "help", "U0ALICE01", "C0INCIDENT");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("5-minute window");
	}

	@Test
	void timestampMoreThanFiveMinutesInTheFutureIsRefused() {
		HttpResponse<String> response = slack.at(Instant.now().plus(Duration.ofMinutes(6)))
			.slashCommand(events, "/wk", "help", "U0ALICE01", "C0INCIDENT");

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void signedMalformedJsonIsABadRequestWithoutStackTrace() {
		HttpResponse<String> response = slack.postJson(events, "{\"type\": \"event_callback\", ");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("malformed_request").doesNotContain("Exception").doesNotContain("at ");
	}

	@Test
	void signedInteractionWithBrokenPayloadIsABadRequest() {
		HttpResponse<String> response = slack.postForm(events, java.util.Map.of("payload", "{not json"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("payload is not valid JSON");
	}

	@Test
	void bodyOverOneMebibyteIsRefusedBeforeVerification() {
		byte[] huge = new byte[1024 * 1024 + 1];
		java.util.Arrays.fill(huge, (byte) 'a');

		HttpResponse<String> response = slack.post(events, "application/json", huge);

		assertThat(response.statusCode()).isEqualTo(413);
	}

	@Test
	void urlVerificationEchoesTheChallenge() {
		HttpResponse<String> response = slack.postJson(events,
				"{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
						+ "\"type\":\"url_verification\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
	}

	@Test
	void unhandledEventsAreAcknowledgedSoSlackDoesNotRetry() {
		String event = """
				{"token":"x","team_id":"T0TEAM","api_app_id":"A0APP","type":"event_callback","event_id":"Ev01",
				 "event_time":1700000000,"event":{"type":"reaction_added","user":"U0ALICE01","reaction":"eyes",
				 "item":{"type":"message","channel":"C0INCIDENT","ts":"1700000000.000100"},"event_ts":"1700000000.000200"}}
				""";

		HttpResponse<String> response = slack.postJson(events, event);

		assertThat(response.statusCode()).isEqualTo(200);
	}

}
