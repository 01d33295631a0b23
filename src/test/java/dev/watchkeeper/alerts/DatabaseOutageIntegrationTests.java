package dev.watchkeeper.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import dev.watchkeeper.testkit.FakeSlackApi;
import java.net.http.HttpResponse;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * While the database is unreachable the webhook answers 503, never a false 202, so
 * Alertmanager keeps the notification and retries; the retry after the database is back
 * is stored and posted once.
 */
@AlertsIntegrationTest
class DatabaseOutageIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDatabaseOutageAnswers503AndTheRetryIsStoredOnce() {
		AlertHooks hooks = new AlertHooks(port);
		SlackActivity slack = new SlackActivity(FakeSlackApi.shared());
		String test = UUID.randomUUID().toString().substring(0, 8);
		String notification = AlertHooks.uniqueFixture("alertmanager-firing.json", test);
		HttpResponse<String> during;
		disconnectDatabase(true);
		try {
			during = hooks.alertmanager(notification);
		}
		finally {
			disconnectDatabase(false);
		}

		assertThat(during.statusCode()).isEqualTo(503);
		assertThat(during.headers().firstValue("Retry-After")).isPresent();
		assertThat(JSON.readTree(during.body()).get("error").asString()).isEqualTo("storage_unavailable");

		HttpResponse<String> retry = hooks.alertmanager(notification);

		assertThat(retry.statusCode()).isEqualTo(202);
		await().until(() -> slack.posts("checkout-" + test).size() == 1);
		SlackActivity.awaitIdle(jdbc);
		assertThat(slack.posts("checkout-" + test)).hasSize(1);
	}

	/**
	 * Refuses new connections to the application's database and cuts the open ones (or
	 * lets them back in).
	 */
	private void disconnectDatabase(boolean disconnect) {
		String url = ((HikariDataSource) dataSource).getJdbcUrl();
		String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
		JdbcClient admin = JdbcClient.create(EmbeddedPostgresSupport.server().getPostgresDatabase());
		admin.sql("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + !disconnect).update();
		if (disconnect) {
			admin.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")
				.param(database)
				.query()
				.listOfRows();
		}
	}

}
