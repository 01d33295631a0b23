package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.core.FeatureReport;
import dev.watchkeeper.diagnostics.DiagnosticsProperties;
import java.util.List;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the diagnostics store, the security-headers filter and the purge job. */
@Configuration(proxyBeanMethods = false)
class DiagnosticsConfiguration {

	static final String PURGE = "diagnostics-purge";

	@Bean
	CiphertextStore ciphertextStore(DiagnosticsProperties properties, JdbcClient jdbc) {
		return switch (properties.storage()) {
			case FILESYSTEM -> new FilesystemCiphertextStore(properties.storageDir());
			case DATABASE -> new DatabaseCiphertextStore(jdbc);
		};
	}

	@Bean
	FilterRegistrationBean<DiagnosticsHeadersFilter> diagnosticsHeadersFilter() {
		FilterRegistrationBean<DiagnosticsHeadersFilter> registration = new FilterRegistrationBean<>(
				new DiagnosticsHeadersFilter());
		registration.addUrlPatterns("/d/*", "/api/d", "/api/d/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	FilterRegistrationBean<DiagnosticsRateLimitFilter> diagnosticsRateLimitFilter(DiagnosticsProperties properties,
			java.time.Clock clock) {
		FilterRegistrationBean<DiagnosticsRateLimitFilter> registration = new FilterRegistrationBean<>(
				new DiagnosticsRateLimitFilter(properties, clock));
		registration.addUrlPatterns("/d/*", "/api/d", "/api/d/*");
		// after the headers filter: a 429 carries the same security headers as every
		// diagnostics answer
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
		return registration;
	}

	@Bean
	JobDetail diagnosticsPurgeJob() {
		return JobBuilder.newJob(SharePurgeJob.class)
			.withIdentity(PURGE, "diagnostics")
			.withDescription("delete expired diagnostics shares: server half and ciphertext")
			.storeDurably()
			.build();
	}

	@Bean
	Trigger diagnosticsPurgeTrigger(@Qualifier("diagnosticsPurgeJob") JobDetail job) {
		return TriggerBuilder.newTrigger()
			.forJob(job)
			.withIdentity(PURGE, "diagnostics")
			.withSchedule(SimpleScheduleBuilder.repeatMinutelyForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.startNow()
			.build();
	}

	@Bean
	FeatureReport diagnosticsFeatures(DiagnosticsProperties properties, CiphertextStore store, SlackSignIn signIn,
			AudienceCheck audienceCheck) {
		String registration = properties.signInRegistration().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
		FeatureReport.Feature links = new FeatureReport.Feature(
				"Diagnostics links at /d/new (ciphertext in " + store + ")", true, "");
		FeatureReport.Feature audience = new FeatureReport.Feature(
				signIn.configured() && !audienceCheck.enforceable()
						? "Diagnostics reveals limited to the share's audience: REFUSING ALL REVEALS, "
								+ "Slack is needed to check the audience"
						: "Diagnostics reveals limited to the share's audience (Sign in with Slack); "
								+ "when off, the link alone is the capability",
				audienceCheck.enforceable(),
				signIn.configured() ? "SLACK_BOT_TOKEN" : "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_" + registration
						+ "_CLIENT_ID (see docs/diagnostics.md)");
		return () -> List.of(links, audience);
	}

}
