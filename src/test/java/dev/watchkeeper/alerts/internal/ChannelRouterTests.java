package dev.watchkeeper.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.core.InvalidConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.util.unit.DataSize;
import org.junit.jupiter.api.Test;

class ChannelRouterTests {

	private static AlertsProperties properties(String defaultChannel, AlertsProperties.Route... routes) {
		return new AlertsProperties(defaultChannel, List.of(routes), List.of("alertname"), null,
				DataSize.ofMegabytes(32), Duration.ofMinutes(30),
				new AlertsProperties.Flapping(4, Duration.ofHours(1)));
	}

	private static AlertsProperties.Route route(String channel, String... matchers) {
		return new AlertsProperties.Route(List.of(matchers), channel);
	}

	@Test
	void firstMatchingRouteWins() {
		ChannelRouter router = new ChannelRouter(properties("C0DEFAULT", route("C0DB", "team=\"db\""),
				route("C0CRIT", "severity=\"critical\""), route("C0DB2", "team=~\"db|storage\"")));

		assertThat(router.route(Map.of("team", "db", "severity", "critical"))).isEqualTo("C0DB");
		assertThat(router.route(Map.of("team", "web", "severity", "critical"))).isEqualTo("C0CRIT");
		assertThat(router.route(Map.of("team", "storage"))).isEqualTo("C0DB2");
	}

	@Test
	void everyMatcherOfARouteMustMatch() {
		ChannelRouter router = new ChannelRouter(
				properties("C0DEFAULT", route("C0PRODDB", "team=\"db\"", "{env!=\"staging\", cluster=~\"prod-.*\"}")));

		assertThat(router.route(Map.of("team", "db", "env", "prod", "cluster", "prod-eu-1"))).isEqualTo("C0PRODDB");
		assertThat(router.route(Map.of("team", "db", "env", "staging", "cluster", "prod-eu-1"))).isEqualTo("C0DEFAULT");
		assertThat(router.route(Map.of("team", "db", "cluster", "dev-1"))).isEqualTo("C0DEFAULT");
	}

	@Test
	void negativeRegexMatchesAMissingLabelAsAlertmanagerDoes() {
		ChannelRouter router = new ChannelRouter(properties(null, route("C0NOTEAM", "team!~\".+\"")));

		assertThat(router.route(Map.of("alertname", "A"))).isEqualTo("C0NOTEAM");
	}

	@Test
	void withoutMatchOrDefaultTheIncidentIsUnrouted() {
		ChannelRouter router = new ChannelRouter(properties(" ", route("C0DB", "team=\"db\"")));

		assertThat(router.route(Map.of("team", "web"))).isEmpty();
	}

	@Test
	void aBrokenRouteFailsAtStartNamingTheRoute() {
		assertThatThrownBy(() -> properties("C0", route("C0A", "team=\"a\""), route("C0B", "team=~\"(unclosed\"")))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageStartingWith("watchkeeper.alerts.routes[1].matchers: invalid regex");
		assertThatThrownBy(() -> properties("C0", route(" ", "team=\"a\""))).isInstanceOf(InvalidConfiguration.class)
			.hasMessage("watchkeeper.alerts.routes[0].channel is missing");
	}

}
