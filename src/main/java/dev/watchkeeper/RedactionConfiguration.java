package dev.watchkeeper;

import dev.watchkeeper.core.FeatureReport;
import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.redaction.logging.LogRedaction;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the application's {@link Redactor} from {@link RedactionProperties} and hands it
 * to the log output, so configured detectors and allow-list entries apply to logs as they
 * do to Slack text and audit details. Lives outside the {@code redaction} module, which
 * stays free of Spring.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedactionProperties.class)
public class RedactionConfiguration {

	@Bean
	Redactor redactor(RedactionProperties properties) {
		Redactor.Builder builder = Redactor.builder()
			.redactIpAddresses(properties.redactIpAddresses())
			.timeBudget(properties.timeBudget());
		List<RedactionProperties.CustomDetector> detectors = properties.customDetectors();
		for (int i = 0; i < detectors.size(); i++) {
			RedactionProperties.CustomDetector detector = detectors.get(i);
			String property = "watchkeeper.redaction.custom-detectors[" + i + "]";
			if (detector.name() == null || detector.regex() == null) {
				throw new InvalidConfiguration(property + " needs both a name and a regex");
			}
			configure(property, () -> builder.detector(detector.name(), detector.regex()));
		}
		for (int i = 0; i < properties.allow().size(); i++) {
			String value = properties.allow().get(i);
			configure("watchkeeper.redaction.allow[" + i + "]", () -> builder.allow(value));
		}
		for (int i = 0; i < properties.allowPatterns().size(); i++) {
			String regex = properties.allowPatterns().get(i);
			configure("watchkeeper.redaction.allow-patterns[" + i + "]", () -> builder.allowPattern(regex));
		}
		configure("watchkeeper.redaction.time-budget", () -> builder.timeBudget(properties.timeBudget()));
		for (String kind : properties.disabledDetectors()) {
			configure("watchkeeper.redaction.disabled-detectors", () -> builder.disable(kind.strip()));
		}
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfiguration("watchkeeper.redaction.disabled-detectors and "
					+ "watchkeeper.redaction.redact-ip-addresses: " + ex.getMessage());
		}
	}

	/**
	 * Puts the configured redactor in front of the log output for as long as this context
	 * lives.
	 */
	@Bean
	LogRedactionInstaller logRedactionInstaller(Redactor redactor) {
		return new LogRedactionInstaller(redactor);
	}

	@Bean
	FeatureReport redactionFeatureReport(RedactionProperties properties) {
		// a switched-off detector weakens what the product promises: say so at every
		// start-up
		List<String> off = properties.disabledDetectors();
		return () -> List.of(
				new FeatureReport.Feature("redaction of IP addresses", properties.redactIpAddresses(),
						"WATCHKEEPER_REDACTION_REDACTIPADDRESSES=true"),
				new FeatureReport.Feature(
						"all built-in redaction detectors"
								+ (off.isEmpty() ? "" : " (off: " + String.join(", ", off) + ")"),
						off.isEmpty(), "leave WATCHKEEPER_REDACTION_DISABLEDDETECTORS unset"));
	}

	private static void configure(String property, Runnable setting) {
		try {
			setting.run();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfiguration(property + ": " + ex.getMessage());
		}
	}

	/**
	 * Installs on creation, goes back to the standard redactor when the context closes.
	 */
	static final class LogRedactionInstaller implements DisposableBean {

		LogRedactionInstaller(Redactor redactor) {
			LogRedaction.use(redactor);
		}

		@Override
		public void destroy() {
			LogRedaction.reset();
		}

	}

}
