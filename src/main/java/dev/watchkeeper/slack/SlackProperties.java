package dev.watchkeeper.slack;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.core.Secret;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Slack settings. Tokens come from the well-known variables {@code SLACK_BOT_TOKEN},
 * {@code SLACK_SIGNING_SECRET} and {@code SLACK_APP_TOKEN}; {@code apiUrl}
 * ({@code WATCHKEEPER_SLACK_API_URL}) lets tests and proxies stand in for
 * {@code https://slack.com/api/}.
 *
 * @param apiUrl base URL of the Slack Web API, ending in a slash
 * @param botToken {@code xoxb-...}; enables posting messages
 * @param signingSecret verifies requests to {@code /slack/events} (HTTP mode)
 * @param appToken {@code xapp-...}; enables Socket Mode instead of HTTP
 * @param maxRequestBody requests to {@code /slack/events} above this size are refused
 * with 413
 * @param socketModeConcurrency events handled in parallel in Socket Mode
 */
@ConfigurationProperties("watchkeeper.slack")
public record SlackProperties(@DefaultValue("https://slack.com/api/") URI apiUrl, @Nullable Secret botToken,
		@Nullable Secret signingSecret, @Nullable Secret appToken, @DefaultValue("1MB") DataSize maxRequestBody,
		@DefaultValue("8") int socketModeConcurrency) {

	public SlackProperties {
		String url = apiUrl.toString();
		if (!url.endsWith("/")) {
			apiUrl = URI.create(url + "/");
		}
		if (botToken != null && signingSecret == null && appToken == null) {
			throw new InvalidConfiguration(
					"SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is missing: HTTP mode cannot verify Slack requests");
		}
		if (appToken != null && botToken == null) {
			throw new InvalidConfiguration(
					"SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is missing: Socket Mode needs the bot token to act");
		}
		if (appToken != null && !appToken.reveal().startsWith("xapp-")) {
			throw new InvalidConfiguration("SLACK_APP_TOKEN must be an app-level token starting with xapp-");
		}
		if (socketModeConcurrency < 1) {
			throw new InvalidConfiguration("watchkeeper.slack.socket-mode-concurrency must be at least 1");
		}
	}

	/**
	 * HTTP mode needs the signing secret; without it {@code /slack/events} answers 503.
	 */
	public boolean httpModeEnabled() {
		return signingSecret != null;
	}

	public boolean socketModeEnabled() {
		return appToken != null;
	}

	/** Outgoing calls (posting, updating messages) need the bot token. */
	public boolean webApiEnabled() {
		return botToken != null;
	}
}
