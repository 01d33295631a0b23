package dev.watchkeeper.slack.internal;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import dev.watchkeeper.core.FeatureReport;
import dev.watchkeeper.core.Secret;
import dev.watchkeeper.slack.SlackListeners;
import dev.watchkeeper.slack.SlackProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.ObjectMapper;

/**
 * Wires Bolt: the {@link App}, the servlet at {@code /slack/events} and the signature
 * check in front of it.
 */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {

	static final String EVENTS_PATH = "/slack/events";

	@Bean
	Slack slack(SlackProperties properties) {
		SlackConfig config = new SlackConfig();
		config.setMethodsEndpointUrlPrefix(properties.apiUrl().toString());
		config.setPrettyResponseLoggingEnabled(false);
		// the SDK's own metrics keep per-team state in memory; Micrometer covers what we
		// need
		config.setStatsEnabled(false);
		return Slack.getInstance(config);
	}

	@Bean(destroyMethod = "stop")
	App slackApp(SlackProperties properties, Slack slack, List<SlackListeners> listeners) {
		AppConfig config = AppConfig.builder()
			.slack(slack)
			.singleTeamBotToken(reveal(properties.botToken()))
			.signingSecret(reveal(properties.signingSecret()))
			// verified in front of Bolt over the raw bytes by SlackSignatureFilter
			// (Bolt's check depends on
			// the platform charset and accepts future timestamps)
			.requestVerificationEnabled(false)
			// acknowledge events we subscribe to but do not handle, so Slack does not
			// retry them
			.allEventsApiAutoAckEnabled(true)
			.subtypedMessageEventsAutoAckEnabled(true)
			.build();
		App app = new App(config);
		listeners.forEach(l -> l.register(app));
		return app;
	}

	@Bean
	ServletRegistrationBean<SlackAppServlet> slackServlet(App app) {
		ServletRegistrationBean<SlackAppServlet> registration = new ServletRegistrationBean<>(new SlackAppServlet(app),
				EVENTS_PATH);
		registration.setName("slackEvents");
		return registration;
	}

	@Bean
	FilterRegistrationBean<SlackSignatureFilter> slackSignatureFilter(SlackProperties properties, ObjectMapper json,
			Clock clock) {
		FilterRegistrationBean<SlackSignatureFilter> registration = new FilterRegistrationBean<>(
				new SlackSignatureFilter(properties, new SlackPayloadValidator(json), clock));
		registration.addUrlPatterns(EVENTS_PATH, "/slack/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FeatureReport slackFeatures(SlackProperties properties) {
		return () -> List.of(
				new FeatureReport.Feature("Slack HTTP mode (POST /slack/events)", properties.httpModeEnabled(),
						"set SLACK_SIGNING_SECRET"),
				new FeatureReport.Feature("Slack Web API (posting messages)", properties.webApiEnabled(),
						"set SLACK_BOT_TOKEN"),
				new FeatureReport.Feature("Slack Socket Mode", properties.socketModeEnabled(),
						"set SLACK_APP_TOKEN (xapp-...) with SLACK_BOT_TOKEN"));
	}

	private static String reveal(Secret secret) {
		return secret == null ? null : secret.reveal();
	}

}
