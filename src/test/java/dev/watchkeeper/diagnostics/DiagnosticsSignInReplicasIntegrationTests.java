package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.Watchkeeper;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.testkit.FreePort;
import dev.watchkeeper.testkit.BrowserlessSignIn;
import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.SlackOidcProvider;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two replicas behind one load balancer share sessions through the database: a person who
 * signed in with Slack on one replica can reveal on the other, and the session holds no
 * OAuth2 access token.
 */
class DiagnosticsSignInReplicasIntegrationTests {

	static final String CHANNEL = "C0REPLICAS";

	static SlackOidcProvider provider;

	static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	static final List<URI> urls = new ArrayList<>();

	@BeforeAll
	static void start() {
		String jdbcUrl = EmbeddedPostgresSupport.newDatabase();
		for (int i = 0; i < 2; i++) {
			urls.add(URI.create("http://localhost:" + FreePort.next()));
		}
		provider = SlackOidcProvider.start(urls.stream().map(URI::toString).toList(), "slack");
		for (int i = 0; i < 2; i++) {
			List<String> args = new ArrayList<>(List.of("--server.port=" + urls.get(i).getPort(),
					"--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
					"--spring.datasource.password=postgres", "--spring.main.banner-mode=off",
					"--spring.quartz.properties.org.quartz.scheduler.instanceId=replica-" + i,
					"--watchkeeper.public-url=" + urls.get(0),
					"--watchkeeper.audit.hmac-key=diagnostics-sign-in-replicas-hmac-key-0123456789",
					"--watchkeeper.slack.api-url=" + FakeSlackApi.shared().apiUrl(),
					"--watchkeeper.slack.bot-token=xoxb-test-token",
					"--watchkeeper.slack.signing-secret=" + SlackRequestSigner.TEST_SIGNING_SECRET,
					"--watchkeeper.diagnostics.storage=database"));
			args.addAll(provider.clientArguments("slack"));
			replicas.add(new SpringApplicationBuilder(Watchkeeper.class).run(args.toArray(String[]::new)));
		}
	}

	@AfterAll
	static void stop() {
		replicas.forEach(ConfigurableApplicationContext::close);
		if (provider != null) {
			provider.close();
		}
	}

	@Test
	void signedInOnOneReplicaRevealsOnTheOther() {
		FakeSlackApi.shared().channelMembers(CHANNEL, List.of(SlackOidcProvider.RITA.slackUserId()));
		ShareLink link = replicas.get(0)
			.getBean(Diagnostics.class)
			.shareText("replicated sign-in", Duration.ofHours(1), 1, new SlackUserId("U0CREATOR"), "",
					ShareAudience.channel(CHANNEL));
		String id = link.id().value();
		BrowserlessSignIn browser = new BrowserlessSignIn();

		HttpResponse<String> landed = browser.signIn(urls.get(0).resolve("/d/sign-in?share=" + id),
				SlackOidcProvider.RITA);
		assertThat(landed.uri().getPath()).isEqualTo("/d/" + id);

		ShareProtocol otherReplica = new ShareProtocol(urls.get(1), browser.http());
		HttpResponse<byte[]> status = otherReplica.status(id, ShareProtocol.key(link.url()));
		assertThat(ShareProtocol.json.readTree(status.body()).path("access").asString()).isEqualTo("allowed");
		assertThat(otherReplica.reveal(id, ShareProtocol.key(link.url())).statusCode()).isEqualTo(200);
	}

	@Test
	void sessionsLiveInTheDatabaseWithoutAnyAccessToken() {
		String id = replicas.get(0)
			.getBean(Diagnostics.class)
			.shareText("who keeps what", Duration.ofHours(1), 1, new SlackUserId("U0CREATOR"), "", ShareAudience.TEAM)
			.id()
			.value();
		new BrowserlessSignIn().signIn(urls.get(1).resolve("/d/sign-in?share=" + id), SlackOidcProvider.MALLORY);

		JdbcClient jdbc = JdbcClient.create(replicas.get(0).getBean(javax.sql.DataSource.class));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name IS NOT NULL")
			.query(Long.class)
			.single()).isPositive();
		assertThat(jdbc.sql("SELECT attribute_name FROM spring_session_attributes").query(String.class).list())
			.contains("SPRING_SECURITY_CONTEXT")
			.noneMatch(name -> name.contains("AuthorizedClient"));
	}

}
