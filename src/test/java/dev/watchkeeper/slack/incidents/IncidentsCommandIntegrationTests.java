package dev.watchkeeper.slack.incidents;

import static dev.watchkeeper.alerts.AlertHooks.alert;
import static dev.watchkeeper.alerts.AlertHooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.alerts.AlertHooks;
import dev.watchkeeper.alerts.AlertsIntegrationTest;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.Incidents;
import dev.watchkeeper.alerts.MovableClock;
import dev.watchkeeper.alerts.SlackActivity;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /wk incidents} over a signed slash command, listing open incidents with links to
 * their messages.
 */
@AlertsIntegrationTest
class IncidentsCommandIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	Incidents incidents;

	@Autowired
	IncidentsCommand command;

	private final FakeSlackApi fake = FakeSlackApi.shared();

	private final String test = UUID.randomUUID().toString().substring(0, 8);

	private AlertHooks hooks;

	@BeforeEach
	void setUp() {
		hooks = new AlertHooks(port);
		fake.reset();
	}

	@Test
	void listsOpenIncidentsMostSevereFirstWithLinksToTheirMessages() {
		Incident warning = open("DiskFilling", "warning", "b");
		Incident critical = open("<!channel> ApiDown", "critical", "a");
		SlackActivity.awaitIdle(jdbc);

		String text = command.render(List.of(critical, warning), clock.instant());

		assertThat(text)
			.startsWith("*Open incidents* (2)\n• :red_circle: <https://example.slack.com/archives/C0ROOMA/p")
			.contains("|&lt;!channel&gt; ApiDown> — critical · 1 firing · for 5m · <#C0ROOMA>")
			.contains("\n• :large_yellow_circle: <https://example.slack.com/archives/C0ROOMB/p")
			.contains("|DiskFilling> — warning · 1 firing · for 5m · <#C0ROOMB>")
			.doesNotContain("<!channel>");
	}

	@Test
	void answersTheSlashCommandEphemerallyFromTheDatabase() {
		open("Answered", "critical", "a");
		SlackActivity.awaitIdle(jdbc);

		HttpResponse<String> response = SlackRequestSigner.withTestSecret()
			.slashCommand(URI.create("http://127.0.0.1:" + port + "/slack/events"), "/wk", "incidents", "U0ONCALL",
					"C0ROOMA");

		assertThat(response.statusCode()).isEqualTo(200);
		String text = JSON.readTree(response.body()).get("text").asString();
		assertThat(text).startsWith("*Open incidents* (");
		assertThat(incidents.open()).isNotEmpty();
	}

	@Test
	void helpListsTheCommand() {
		HttpResponse<String> response = SlackRequestSigner.withTestSecret()
			.slashCommand(URI.create("http://127.0.0.1:" + port + "/slack/events"), "/wk", "help", "U0ONCALL",
					"C0ROOMA");

		assertThat(JSON.readTree(response.body()).get("text").asString())
			.contains("`/wk incidents` — list open incidents with links to their messages");
	}

	@Test
	void saysSoWhenNothingIsOpen() {
		assertThat(command.render(List.of(), clock.instant())).isEqualTo(":white_check_mark: No open incidents.");
	}

	private Incident open(String alertname, String severity, String room) {
		Instant start = clock.instant().minusSeconds(300);
		String response = hooks
			.alertmanager(payload("{}:{test=\"" + test + "\", alertname=\"" + alertname + "\"}", Map.of("test", test),
					List.of(alert("firing",
							Map.of("alertname", alertname, "severity", severity, "room", room, "test", test), Map.of(),
							start, null))))
			.body();
		IncidentId id = IncidentId.parse(JSON.readTree(response).get("incidents").get(0).asString());
		await().until(() -> !fake.successfulCalls("chat.getPermalink").isEmpty()
				&& jdbc.sql("SELECT COUNT(*) FROM slack_message WHERE message_key = ?")
					.param("incident:" + id)
					.query(Long.class)
					.single() == 1);
		return incidents.find(id).orElseThrow();
	}

}
