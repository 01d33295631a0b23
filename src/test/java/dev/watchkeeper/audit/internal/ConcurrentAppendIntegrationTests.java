package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.watchkeeper.audit.SampleEvent;
import dev.watchkeeper.audit.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many writers, one chain: the chain-head row lock serializes appends on PostgreSQL and
 * on H2 alike.
 */
class ConcurrentAppendIntegrationTests {

	static final int THREADS = 8;

	static final int APPENDS_PER_THREAD = 40;

	@Test
	void concurrentWritersOnPostgresFormOneChainWithoutForks() throws Exception {
		try (HikariDataSource database = AuditFixtures.postgres()) {
			assertOneUnforkedChain(database);
		}
	}

	@Test
	void concurrentWritersOnH2FormOneChainWithoutForks() throws Exception {
		try (HikariDataSource database = AuditFixtures.h2("concurrent")) {
			assertOneUnforkedChain(database);
		}
	}

	@Test
	void theSameEventDeliveredConcurrentlyIsRecordedOnce() throws Exception {
		try (HikariDataSource database = AuditFixtures.postgres()) {
			HashChainedAuditTrail trail = AuditFixtures.trail(database);
			SampleEvent event = SampleEvent.approved("req-1");

			List<Long> sequences = runConcurrently(THREADS, () -> trail.append(event).sequence());

			assertThat(sequences).containsOnly(1L);
			assertThat(JdbcClient.create(database).sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single())
				.isEqualTo(1);
		}
	}

	private void assertOneUnforkedChain(HikariDataSource database) throws Exception {
		HashChainedAuditTrail trail = AuditFixtures.trail(database);

		runConcurrently(THREADS, () -> {
			for (int i = 0; i < APPENDS_PER_THREAD; i++) {
				trail.append(SampleEvent.approved("req-" + Thread.currentThread().getName() + "-" + i));
			}
			return 0L;
		});

		long total = THREADS * APPENDS_PER_THREAD;
		List<Long> sequences = JdbcClient.create(database)
			.sql("SELECT seq FROM audit_entry ORDER BY seq")
			.query(Long.class)
			.list();
		assertThat(sequences).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
		long distinctPredecessors = JdbcClient.create(database)
			.sql("SELECT COUNT(DISTINCT prev_hash) FROM audit_entry")
			.query(Long.class)
			.single();
		assertThat(distinctPredecessors).as("no two entries share a predecessor (no fork)").isEqualTo(total);
		assertThat(trail.verifyChain()).isInstanceOf(Verification.Intact.class);
	}

	static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(pool.submit(task));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(2, TimeUnit.MINUTES));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
