package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.Watchkeeper;
import dev.watchkeeper.audit.AuditTrail;
import dev.watchkeeper.audit.SampleEvent;
import dev.watchkeeper.audit.Verification;
import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application instances on one PostgreSQL database append to one chain, with no fork
 * and no gap.
 */
class TwoInstancesIntegrationTests {

	static final int THREADS_PER_INSTANCE = 4;

	static final int EVENTS_PER_THREAD = 25;

	@Test
	void twoReplicasWritingAtOnceKeepOneChain() throws Exception {
		String url = EmbeddedPostgresSupport.newDatabase();
		try (ConfigurableApplicationContext first = start(url); ConfigurableApplicationContext second = start(url)) {
			AtomicInteger counter = new AtomicInteger();
			List<ConfigurableApplicationContext> instances = List.of(first, second);
			// other modules audit their own start (runbook reloads): count what is
			// already there
			long before = JdbcClient.create(first.getBean(javax.sql.DataSource.class))
				.sql("SELECT COUNT(*) FROM audit_entry")
				.query(Long.class)
				.single();

			ConcurrentAppendIntegrationTests.runConcurrently(THREADS_PER_INSTANCE * 2, () -> {
				ConfigurableApplicationContext instance = instances.get(counter.getAndIncrement() % 2);
				for (int i = 0; i < EVENTS_PER_THREAD; i++) {
					// published like any module does: the audit listener appends
					// synchronously
					instance.publishEvent(SampleEvent.approved("req-" + Thread.currentThread().getName() + "-" + i));
				}
				return 0L;
			});

			long total = before + 2L * THREADS_PER_INSTANCE * EVENTS_PER_THREAD;
			JdbcClient sql = JdbcClient.create(first.getBean(javax.sql.DataSource.class));
			assertThat(sql.sql("SELECT seq FROM audit_entry ORDER BY seq").query(Long.class).list())
				.containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
			assertThat(second.getBean(HashChainedAuditTrail.class).verifyChain())
				.isEqualTo(new Verification.Intact(total, total, first.getBean(AuditTrail.class).head().hash()));
		}
	}

	private static ConfigurableApplicationContext start(String url) {
		return new SpringApplicationBuilder(Watchkeeper.class).web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=postgres", "--spring.quartz.auto-startup=false",
					"--watchkeeper.audit.hmac-key=" + AuditFixtures.KEY, "--spring.main.banner-mode=off",
					"--logging.level.root=WARN");
	}

}
