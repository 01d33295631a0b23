package dev.watchkeeper.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.core.Secret;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class SlackPropertiesTests {

	static final URI API = URI.create("https://slack.com/api/");

	@Test
	void botTokenWithoutSigningSecretFailsWithOneClearLine() {
		assertThatThrownBy(() -> new SlackProperties(API, Secret.of("xoxb-1"), null, null, DataSize.ofMegabytes(1), 8))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessage(
					"SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is missing: HTTP mode cannot verify Slack requests");
	}

	@Test
	void appTokenWithoutBotTokenIsRefused() {
		assertThatThrownBy(() -> new SlackProperties(API, null, null, Secret.of("xapp-1"), DataSize.ofMegabytes(1), 8))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("SLACK_BOT_TOKEN is missing");
	}

	@Test
	void socketModeNeedsNoSigningSecret() {
		SlackProperties properties = new SlackProperties(API, Secret.of("xoxb-1"), null, Secret.of("xapp-1-A"),
				DataSize.ofMegabytes(1), 8);

		assertThat(properties.socketModeEnabled()).isTrue();
		assertThat(properties.httpModeEnabled()).isFalse();
	}

	@Test
	void apiUrlAlwaysEndsWithASlash() {
		SlackProperties properties = new SlackProperties(URI.create("http://127.0.0.1:9999/api"), null, null, null,
				DataSize.ofMegabytes(1), 8);

		assertThat(properties.apiUrl()).hasToString("http://127.0.0.1:9999/api/");
	}

	@Test
	void secretsNeverShowInToString() {
		SlackProperties properties = new SlackProperties(API, Secret.of("xoxb-very-secret"), Secret.of("sign-secret"),
				null, DataSize.ofMegabytes(1), 8);

		assertThat(properties.toString()).doesNotContain("xoxb-very-secret").doesNotContain("sign-secret");
	}

}
