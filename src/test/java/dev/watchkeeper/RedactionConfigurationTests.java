package dev.watchkeeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.redaction.Redactor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Settings become the application's redactor; a bad setting stops start-up with its
 * property named.
 */
class RedactionConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(RedactionConfiguration.class);

	@Test
	void withoutSettingsTheRedactorBehavesLikeTheStandardOne() {
		runner.run(context -> {
			Redactor redactor = context.getBean(Redactor.class);
			assertThat(redactor.redact("mail jane@example.com from 10.0.3.7").text())
				.isEqualTo("mail [REDACTED:email] from 10.0.3.7");
		});
	}

	@Test
	void customDetectorsAllowListAndIpAddressesComeFromSettings() {
		runner
			.withPropertyValues("watchkeeper.redaction.custom-detectors[0].name=employee-id",
					"watchkeeper.redaction.custom-detectors[0].regex=E\\d{6}",
					"watchkeeper.redaction.allow[0]=noreply@example.com",
					"watchkeeper.redaction.allow-patterns[0]=.*@example\\.org",
					"watchkeeper.redaction.redact-ip-addresses=true")
			.run(context -> assertThat(context.getBean(Redactor.class)
				.redact("E123456 noreply@example.com jane@example.org bob@example.net 10.0.3.7")
				.text()).isEqualTo(
						"[REDACTED:employee-id] noreply@example.com jane@example.org [REDACTED:email] [REDACTED:ip-address]"));
	}

	@Test
	void settingsCanComeFromTheDocumentedEnvironmentVariables() {
		runner.withInitializer(context -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("WATCHKEEPER_REDACTION_REDACTIPADDRESSES", "true",
							"WATCHKEEPER_REDACTION_CUSTOMDETECTORS_0_NAME", "employee-id",
							"WATCHKEEPER_REDACTION_CUSTOMDETECTORS_0_REGEX", "E\\d{6}", "WATCHKEEPER_REDACTION_ALLOW_0",
							"noreply@example.com", "WATCHKEEPER_REDACTION_TIMEBUDGET", "5s"))))
			.run(context -> {
				assertThat(context.getBean(RedactionProperties.class).timeBudget()).hasSeconds(5);
				assertThat(context.getBean(Redactor.class).redact("E123456 noreply@example.com 10.0.3.7").text())
					.isEqualTo("[REDACTED:employee-id] noreply@example.com [REDACTED:ip-address]");
			});
	}

	@Test
	void anInvalidCustomDetectorStopsStartUpNamingTheProperty() {
		runner
			.withPropertyValues("watchkeeper.redaction.custom-detectors[0].name=acme",
					"watchkeeper.redaction.custom-detectors[0].regex=acme_[a-z")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfiguration.class)
				.hasMessageContaining("watchkeeper.redaction.custom-detectors[0]")
				.hasMessageContaining("not a valid regular expression"));
	}

	@Test
	void detectorsSwitchedOffInSettingsFindNothing() {
		runner
			.withInitializer(
					context -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource(
								StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("WATCHKEEPER_REDACTION_DISABLEDDETECTORS", "phone-number, email"))))
			.run(context -> assertThat(context.getBean(Redactor.class)
				.redact("call 020 7946 0958 or jane@example.com, password=hunter2")
				.text()).isEqualTo("call 020 7946 0958 or jane@example.com, password=[REDACTED:password]"));
	}

	@Test
	void anUnknownDetectorNameStopsStartUpWithOneLineListingTheKnownOnes() {
		runner.withPropertyValues("watchkeeper.redaction.disabled-detectors=ip-address,phone")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfiguration.class)
				.hasMessageStartingWith(
						"watchkeeper.redaction.disabled-detectors: unknown detector 'phone'; the built-in detectors are ")
				.hasMessageContaining("phone-number")
				.hasMessageNotContaining("\n"));
	}

	@Test
	void ipAddressesSwitchedOnAndDisabledStopStartUp() {
		runner
			.withPropertyValues("watchkeeper.redaction.disabled-detectors=ip-address",
					"watchkeeper.redaction.redact-ip-addresses=true")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfiguration.class)
				.hasMessageContaining("watchkeeper.redaction.redact-ip-addresses"));
	}

	@Test
	void aCustomDetectorThatCanBacktrackCatastrophicallyStopsStartUp() {
		runner
			.withPropertyValues("watchkeeper.redaction.custom-detectors[0].name=acme",
					"watchkeeper.redaction.custom-detectors[0].regex=acme_(?:[a-z]+-?)+")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfiguration.class)
				.hasMessageStartingWith("watchkeeper.redaction.custom-detectors[0]: custom detector 'acme' repeats")
				.hasMessageContaining("(?:[a-z]+-?)+"));
	}

	@Test
	void aCustomDetectorWithoutRegexStopsStartUp() {
		runner.withPropertyValues("watchkeeper.redaction.custom-detectors[0].name=acme")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("watchkeeper.redaction.custom-detectors[0] needs both a name and a regex"));
	}

}
