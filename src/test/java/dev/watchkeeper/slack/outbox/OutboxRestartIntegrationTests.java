package dev.watchkeeper.slack.outbox;

import static dev.watchkeeper.alerts.AlertHooks.alert;
import static dev.watchkeeper.alerts.AlertHooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.Watchkeeper;
import dev.watchkeeper.alerts.AlertHooks;
import dev.watchkeeper.alerts.SlackActivity;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox survives restarts: entries queued while Watchkeeper was not delivering are
 * delivered after a restart, and nothing already delivered is delivered again. Runs the
 * whole application three times on one H2 file database (the embedded default), which
 * also runs the intake and outbox SQL on H2.
 */
class OutboxRestartIntegrationTests {

	private final FakeSlackApi fake = FakeSlackApi.shared();

	private final SlackActivity slack = new SlackActivity(fake);

	private final String test = UUID.randomUUID().toString().substring(0, 8);

	@TempDir
	Path data;

	@BeforeEach
	void setUp() {
		fake.reset();
	}

	@Test
	void queuedMessagesAreDeliveredAfterARestartAndNeverTwice() {
		try (ConfigurableApplicationContext first = start(false)) {
			AlertHooks hooks = hooks(first);
			for (int i = 1; i <= 3; i++) {
				assertThat(hooks.alertmanager(incident("Queued" + i)).statusCode()).isEqualTo(202);
			}
			JdbcClient jdbc = first.getBean(JdbcClient.class);
			await().until(() -> jdbc.sql("SELECT COUNT(*) FROM slack_outbox WHERE status = 'PENDING'")
				.query(Long.class)
				.single() == 3);
		}
		assertThat(slack.posts(test)).as("nothing delivered while the outbox was off").isEmpty();

		try (ConfigurableApplicationContext second = start(true)) {
			await().until(() -> slack.posts(test).size() == 3);
			hooks(second).alertmanager(incident("AfterFirstRestart"));
			await().until(() -> slack.posts(test).size() == 4);
			SlackActivity.awaitIdle(second.getBean(JdbcClient.class));
		}

		try (ConfigurableApplicationContext third = start(true)) {
			hooks(third).alertmanager(incident("AfterSecondRestart"));
			// the channel delivers in order: anything left from before would come first
			await().until(() -> slack.posts("AfterSecondRestart").size() == 1);
			SlackActivity.awaitIdle(third.getBean(JdbcClient.class));
		}
		assertThat(slack.posts(test)).as("five incidents, five messages").hasSize(5);
	}

	/**
	 * Starts the application; settings as command-line arguments, which outrank
	 * application.yml.
	 */
	private ConfigurableApplicationContext start(boolean delivering) {
		return new SpringApplicationBuilder(Watchkeeper.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:file:" + data.resolve("watchkeeper") + ";DB_CLOSE_ON_EXIT=FALSE",
				"--watchkeeper.slack.api-url=" + fake.apiUrl(), "--watchkeeper.slack.bot-token=xoxb-test-token",
				"--watchkeeper.slack.signing-secret=" + SlackRequestSigner.TEST_SIGNING_SECRET,
				"--watchkeeper.alerts.webhook-token=" + AlertHooks.TOKEN,
				"--watchkeeper.alerts.default-channel=C0RESTART", "--watchkeeper.slack.outbox.enabled=" + delivering,
				"--watchkeeper.slack.outbox.channel-interval=20ms", "--watchkeeper.slack.outbox.poll-interval=20ms");
	}

	private static AlertHooks hooks(ConfigurableApplicationContext context) {
		return new AlertHooks(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	private String incident(String alertname) {
		Instant start = Instant.now().minus(Duration.ofMinutes(5));
		return payload("{}:{test=\"" + test + "\", alertname=\"" + alertname + "\"}", Map.of("test", test),
				List.of(alert("firing", Map.of("alertname", alertname, "test", test), Map.of(), start, null)));
	}

}
