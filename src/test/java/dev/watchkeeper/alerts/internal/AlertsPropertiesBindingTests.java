package dev.watchkeeper.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The documented environment names bind as written, including the ones with underscores
 * for dashes.
 */
class AlertsPropertiesBindingTests {

	@Test
	void wellKnownEnvironmentNamesBind() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env",
					Map.of("WATCHKEEPER_ALERTS_DEFAULT_CHANNEL", "C0FROMENV", "WATCHKEEPER_AUDIT_REVIEWER_TOKEN",
							"reviewer-from-env", "WATCHKEEPER_ALERTS_MAX_BODY", "64MB")));
		ConfigurationPropertySources.attach(environment);

		AlertsProperties properties = Binder.get(environment)
			.bindOrCreate("watchkeeper.alerts", AlertsProperties.class);

		assertThat(properties.defaultChannel()).isEqualTo("C0FROMENV");
		assertThat(properties.maxBody().toMegabytes()).isEqualTo(64);
		assertThat(properties.groupBy()).containsExactly("alertname", "cluster", "namespace", "service");
		assertThat(environment.resolvePlaceholders("${watchkeeper.audit.reviewer-token:}"))
			.isEqualTo("reviewer-from-env");
	}

}
