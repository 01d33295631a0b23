package dev.watchkeeper.alerts;

import static dev.watchkeeper.alerts.AlertHooks.alert;
import static dev.watchkeeper.alerts.AlertHooks.payload;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/alerts/export}: what auditors ask first, every alert state received in
 * a window.
 */
@AlertsIntegrationTest
class AlertExportIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcClient jdbc;

	private AlertHooks hooks;

	private final String test = UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void setUp() {
		hooks = new AlertHooks(port);
	}

	@AfterEach
	void drain() {
		SlackActivity.awaitIdle(jdbc);
	}

	@Test
	void exportsEveryAlertStateReceivedInTheWindowAsJsonLines() {
		Instant from = clock.instant().minusSeconds(1);
		Instant start = clock.instant().minusSeconds(120);
		Map<String, String> labels = Map.of("alertname", "Exported", "instance", "i-1", "test", test);
		String firing = group(List.of(alert("firing", labels, Map.of("summary", "up"), start, null)));
		hooks.alertmanager(firing);
		hooks.alertmanager(firing);
		hooks.alertmanager(group(List.of(alert("resolved", labels, Map.of("summary", "up"), start, clock.instant()))));
		Instant to = clock.instant().plusSeconds(1);

		HttpResponse<String> response = hooks.get("/api/alerts/export?from=" + from + "&to=" + to,
				AlertHooks.REVIEWER_TOKEN);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> t.startsWith("application/x-ndjson"));
		List<JsonNode> mine = Arrays.stream(response.body().split("\n"))
			.map(JSON::readTree)
			.filter(line -> test.equals(line.get("labels").path("test").asString()))
			.toList();
		assertThat(mine).as("the repeat added nothing; the resolution did").hasSize(2);
		assertThat(mine.get(0).get("status").asString()).isEqualTo("firing");
		assertThat(mine.get(0).get("statusChanged").asBoolean()).isFalse();
		assertThat(mine.get(0).get("annotations").get("summary").asString()).isEqualTo("up");
		assertThat(mine.get(0).get("incidentId").asString()).isNotBlank();
		assertThat(mine.get(1).get("status").asString()).isEqualTo("resolved");
		assertThat(mine.get(1).get("statusChanged").asBoolean()).isTrue();
		assertThat(mine.get(1).get("endsAt").asString()).isNotBlank();
	}

	@Test
	void aWindowLeavesOutWhatCameBeforeAndAfter() {
		hooks.alertmanager(group(
				List.of(alert("firing", Map.of("alertname", "Old", "test", test), Map.of(), clock.instant(), null))));
		Instant from = clock.instant().plus(Duration.ofMinutes(10));

		HttpResponse<String> response = hooks.get("/api/alerts/export?from=" + from + "&to=" + from.plusSeconds(60),
				AlertHooks.REVIEWER_TOKEN);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
	}

	@Test
	void requiresTheReviewerToken() {
		String window = "/api/alerts/export?from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z";

		assertThat(hooks.get(window, null).statusCode()).isEqualTo(401);
		assertThat(hooks.get(window, AlertHooks.TOKEN).statusCode()).as("the webhook token is not enough")
			.isEqualTo(401);
	}

	@Test
	void refusesAWindowItCannotRead() {
		HttpResponse<String> missing = hooks.get("/api/alerts/export?from=2024-01-01T00:00:00Z",
				AlertHooks.REVIEWER_TOKEN);
		HttpResponse<String> garbled = hooks.get("/api/alerts/export?from=yesterday&to=2024-01-02T00:00:00Z",
				AlertHooks.REVIEWER_TOKEN);
		HttpResponse<String> backwards = hooks
			.get("/api/alerts/export?from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z", AlertHooks.REVIEWER_TOKEN);

		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(missing.body()).get("detail").asString()).startsWith("'to' is required");
		assertThat(garbled.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(garbled.body()).get("detail").asString())
			.isEqualTo("'from' is not an ISO-8601 instant: yesterday");
		assertThat(backwards.statusCode()).isEqualTo(400);
	}

	private String group(List<Map<String, Object>> alerts) {
		return payload("{}:{test=\"" + test + "\"}", Map.of("test", test), alerts);
	}

}
