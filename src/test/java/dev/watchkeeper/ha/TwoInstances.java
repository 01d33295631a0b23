package dev.watchkeeper.ha;

import dev.watchkeeper.Watchkeeper;
import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Watchkeeper instances, as two replicas behind a load balancer: separate JVM
 * contexts and ports, one PostgreSQL database, Quartz clustered, the same Slack fake.
 */
final class TwoInstances implements AutoCloseable {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final String jdbcUrl = EmbeddedPostgresSupport.newDatabase();

	TwoInstances(String... extraProperties) {
		for (int i = 0; i < 2; i++) {
			List<String> properties = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + jdbcUrl,
					"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
					"--spring.datasource.hikari.connection-timeout=3000",
					"--spring.quartz.properties.org.quartz.scheduler.instanceId=replica-" + i,
					"--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
					"--watchkeeper.slack.signing-secret=" + SlackRequestSigner.TEST_SIGNING_SECRET,
					"--watchkeeper.slack.bot-token=xoxb-test-token",
					"--watchkeeper.slack.api-url=" + FakeSlackApi.shared().apiUrl()));
			for (String extra : extraProperties) {
				properties.add("--" + extra);
			}
			contexts.add(new SpringApplicationBuilder(Watchkeeper.class).run(properties.toArray(String[]::new)));
		}
	}

	ConfigurableApplicationContext context(int replica) {
		return contexts.get(replica);
	}

	URI base(int replica) {
		String port = contexts.get(replica).getEnvironment().getProperty("local.server.port");
		return URI.create("http://127.0.0.1:" + port);
	}

	String jdbcUrl() {
		return jdbcUrl;
	}

	@Override
	public void close() {
		contexts.forEach(ConfigurableApplicationContext::close);
	}

}
