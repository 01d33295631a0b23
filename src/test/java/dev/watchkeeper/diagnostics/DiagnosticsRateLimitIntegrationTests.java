package dev.watchkeeper.diagnostics;

import dev.watchkeeper.testkit.FreePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.Watchkeeper;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.diagnostics.internal.ShareKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The public diagnostics endpoints over real HTTP with small limits: past them a client
 * gets 429 with Retry-After and the usual security headers, and nothing is created or
 * used. Creating and proving have separate budgets; the pages are never limited.
 */
class DiagnosticsRateLimitIntegrationTests {

	static ConfigurableApplicationContext app;

	static ShareProtocol protocol;

	@BeforeAll
	static void start() {
		int port = FreePort.next();
		app = new SpringApplicationBuilder(Watchkeeper.class).run("--server.port=" + port,
				"--spring.datasource.url=jdbc:h2:mem:diagnostics-rate-limits;DB_CLOSE_DELAY=-1",
				"--spring.quartz.auto-startup=false", "--spring.main.banner-mode=off",
				"--watchkeeper.audit.hmac-key=diagnostics-rate-limit-tests-hmac-key-0123456789",
				"--watchkeeper.diagnostics.storage-dir=target/test-diagnostics-rate-limits",
				"--watchkeeper.diagnostics.creates-per-hour=2", "--watchkeeper.diagnostics.requests-per-minute=4");
		protocol = new ShareProtocol(URI.create("http://127.0.0.1:" + port), HttpClient.newHttpClient());
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void creatingMoreSharesThanAllowedIsRefusedWithRetryAfterAndCreatesNothing() {
		assertThat(create().statusCode()).isEqualTo(201);
		assertThat(create().statusCode()).isEqualTo(201);
		long rows = shareRows();

		HttpResponse<byte[]> refused = create();

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1800");
		assertThat(refused.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(ShareProtocol.json.readTree(refused.body()).path("error").asString()).isEqualTo("rate_limited");
		assertThat(shareRows()).isEqualTo(rows);
	}

	@Test
	void proofRequestsPastTheLimitAreRefusedBeforeAnythingIsUsed() {
		ShareLink link = app.getBean(Diagnostics.class)
			.shareText("limited", Duration.ofHours(1), 1, new SlackUserId("U0CREATOR"), "", ShareAudience.TEAM);
		String id = link.id().value();
		for (int i = 0; i < 4; i++) {
			assertThat(protocol.post("/api/d/" + id + "/nonce", Map.of()).statusCode()).isEqualTo(200);
		}

		HttpResponse<byte[]> refused = protocol.reveal(id, ShareKeys.randomBytes(32), ShareKeys.randomBytes(32), null);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("15");
		assertThat(app.getBean(Diagnostics.class).summary(link.id()).orElseThrow().viewsLeft()).isEqualTo(1);
		assertThat(protocol.get("/d/" + id, "Mozilla/5.0").statusCode()).as("the page is never limited").isEqualTo(200);
	}

	private static HttpResponse<byte[]> create() {
		return protocol.post("/api/d", Map.of("ttlSeconds", 3600, "views", 1, "size", 4096, "linkVerifier",
				ShareKeys.encode(ShareKeys.randomBytes(32))));
	}

	private static long shareRows() {
		return JdbcClient.create(app.getBean(javax.sql.DataSource.class))
			.sql("SELECT COUNT(*) FROM diagnostics_share")
			.query(Long.class)
			.single();
	}

}
