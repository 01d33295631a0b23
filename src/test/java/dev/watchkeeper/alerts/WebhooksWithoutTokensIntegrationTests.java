package dev.watchkeeper.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.testkit.PostgresIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Without tokens configured, the webhooks and the export refuse everything and say which
 * variable to set.
 */
@PostgresIntegrationTest
class WebhooksWithoutTokensIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void webhooksAnswer503NamingTheVariableToSet() {
		AlertHooks hooks = new AlertHooks(port);

		HttpResponse<String> alertmanager = hooks.alertmanager(AlertHooks.fixture("alertmanager-firing.json"));
		HttpResponse<String> grafana = hooks.grafana(AlertHooks.fixture("grafana-firing.json"));

		assertThat(alertmanager.statusCode()).isEqualTo(503);
		assertThat(grafana.statusCode()).isEqualTo(503);
		assertThat(JSON.readTree(alertmanager.body()).get("detail").asString()).contains("WATCHKEEPER_WEBHOOK_TOKEN");
	}

	@Test
	void exportRefusesEveryTokenWhenNoReviewerTokenIsConfigured() {
		// the export sits behind the reviewer security chain: with no reviewer token
		// configured nothing matches
		HttpResponse<String> response = new AlertHooks(port)
			.get("/api/alerts/export?from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z", "anything");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("\"alerts\"");
	}

}
