package dev.watchkeeper.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.alerts.Alert;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runbooks in {@code runbooks/} are valid and are suggested for the alerts they were
 * written for.
 */
class ShippedRunbooksTests {

	private static final RunbookCatalog CATALOG = RunbookCatalog.load(Path.of("runbooks"));

	private static final Runbooks RUNBOOKS = Runbooks.of(CATALOG);

	@Test
	void allShippedRunbooksAreValid() {
		assertThat(CATALOG.problems()).isEmpty();
		assertThat(CATALOG.runbooks()).hasSizeGreaterThanOrEqualTo(8);
		assertThat(CATALOG.runbooks()).allSatisfy(r -> assertThat(r.steps()).hasSizeGreaterThanOrEqualTo(4));
	}

	static Stream<Arguments> alerts() {
		return Stream.of(Arguments.of(Alerts.leakedLease("database/creds/checkout/x1"), "leaked-credential"),
				Arguments.of(alert(
						Map.of("alertname", "CertManagerCertExpirySoon", "namespace", "ingress", "name", "shop-tls")),
						"vault-token-or-certificate-expiring"),
				Arguments.of(alert(Map.of("alertname", "HighHTTP5xxRate", "namespace", "shop", "service", "web")),
						"high-http-5xx-rate"),
				Arguments.of(Alerts.crashLooping("shop", "web-5c7d-x2"), "pod-crash-looping"),
				Arguments.of(alert(Map.of("alertname", "NodeFilesystemAlmostOutOfSpace", "instance", "10.0.3.7:9100",
						"mountpoint", "/var")), "disk-almost-full"),
				Arguments.of(
						alert(Map.of("alertname", "HikariPoolExhausted", "namespace", "shop", "application", "orders")),
						"database-connection-pool-exhausted"),
				Arguments.of(alert(
						Map.of("alertname", "KafkaConsumerGroupLag", "consumergroup", "billing", "topic", "invoices")),
						"message-queue-consumer-lag"),
				Arguments.of(alert(Map.of("alertname", "KubeNodeNotReady", "node", "ip-10-0-3-7")), "node-not-ready"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("alerts")
	void eachRunbookIsTheFirstSuggestionForItsAlert(Alert alert, String runbookId) {
		List<Suggestion> suggestions = RUNBOOKS.suggestFor(List.of(alert));

		assertThat(suggestions).isNotEmpty();
		assertThat(suggestions.get(0).runbook().id()).isEqualTo(runbookId);
		assertThat(suggestions.get(0).reasons()).first().asString().startsWith("alertname=");
	}

	@Test
	void textAloneFindsTheRightRunbookForAnUnknownAlertName() {
		Alert alert = Alerts.firing(Map.of("alertname", "OrdersApiDegraded"),
				Map.of("summary", "orders-api: Connection is not available, request timed out after 30000ms",
						"description", "HikariPool-1 has 0 idle connections and 40 threads waiting for a connection"));

		Suggestion top = RUNBOOKS.suggestFor(List.of(alert)).get(0);

		assertThat(top.runbook().id()).isEqualTo("database-connection-pool-exhausted");
		assertThat(top.reasons()).singleElement().asString().startsWith("text: '");
	}

	@Test
	void leakedLeaseRunbookOffersTheRevocationWithTheLeaseFromTheAlert() {
		Suggestion suggestion = RUNBOOKS.suggestFor(List.of(Alerts.leakedLease("database/creds/checkout/x1"))).get(0);

		RenderedStep revoke = suggestion.steps()
			.stream()
			.filter(s -> s.action() != null && s.action().type().equals("vault.revoke-lease"))
			.findFirst()
			.orElseThrow();
		assertThat(revoke.needsInput()).isFalse();
		assertThat(revoke.action().params()).containsExactly(Map.entry("lease_id", "database/creds/checkout/x1"));
		assertThat(suggestion.steps())
			.anySatisfy(s -> assertThat(s.text()).contains("vault lease lookup database/creds/checkout/x1"));
		// this alert carries no token accessor: that step waits for a person instead of
		// guessing
		assertThat(suggestion.steps())
			.filteredOn(s -> s.action() != null && s.action().type().equals("vault.revoke-token-accessor"))
			.singleElement()
			.satisfies(s -> assertThat(s.missingFields()).containsExactly("annotations.token_accessor"));
	}

	private static Alert alert(Map<String, String> labels) {
		return Alerts.firing(labels);
	}

}
