package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.SampleEvent;
import dev.watchkeeper.audit.Verification;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audit numbers for BENCHMARKS.md
 * ({@code ./mvnw -B -o -Pbench test -Dtest=AuditBenchmark}): appends per second on
 * PostgreSQL with the chain lock (1 and 4 writers, each append its own transaction), the
 * time to verify 1,000,000 entries (bulk-generated through COPY with real hashes and
 * seals), and keyset page latency on that table.
 */
class AuditBenchmark {

	static final int ENTRIES = 1_000_000;

	final StringBuilder report = new StringBuilder();

	@Test
	void measure() throws Exception {
		try (HikariDataSource database = AuditFixtures.postgres()) {
			HashChainedAuditTrail trail = AuditFixtures.trail(database);
			appends(trail, 1, 200);
			appends(trail, 1, 1_000);
			appends(trail, 4, 250);
		}
		try (HikariDataSource database = AuditFixtures.postgres()) {
			HashChainedAuditTrail trail = AuditFixtures.trail(database);
			long generate = System.nanoTime();
			bulkGenerate(database, ENTRIES);
			line("bulk-generate %,d sealed entries (COPY): %.1f s", ENTRIES, seconds(generate));
			JdbcClient.create(database).sql("ANALYZE audit_entry").update();
			long start = System.nanoTime();
			Verification result = trail.verifyChain();
			double took = seconds(start);
			assertThat(result).isEqualTo(new Verification.Intact(ENTRIES, ENTRIES, trail.head().hash()));
			line("verify %,d entries: %.1f s = %,.0f entries/s", ENTRIES, took, ENTRIES / took);
			pages(trail);
		}
		System.out.println(report);
		Files.writeString(Path.of("target", "audit-benchmark.txt"), report.toString());
	}

	private void appends(HashChainedAuditTrail trail, int writers, int perWriter) throws Exception {
		long start = System.nanoTime();
		ConcurrentAppendIntegrationTests.runConcurrently(writers, () -> {
			for (int i = 0; i < perWriter; i++) {
				trail.append(SampleEvent.approved("req-" + i));
			}
			return 0L;
		});
		double took = seconds(start);
		line("appends, %d writer(s), %,d total: %.1f s = %,.0f appends/s", writers, writers * perWriter, took,
				writers * perWriter / took);
	}

	private void pages(HashChainedAuditTrail trail) {
		List<Object[]> cases = List.of(new Object[] { "newest page, no filter", AuditQuery.all(), null },
				new Object[] { "newest page, actor filter",
						new AuditQuery("U0BOB0001", null, null, null, null, null, null), null },
				new Object[] { "deep page (before=500,000), actor filter",
						new AuditQuery("U0BOB0001", null, null, null, null, null, null), 500_000L },
				new Object[] { "newest page, incident filter (rare)",
						new AuditQuery(null, null, "inc-42", null, null, null, null), null },
				new Object[] {
						"time range (one hour), outcome filter", new AuditQuery(null, null, null, "refused", null,
								SampleEvent.T0.plus(Duration.ofHours(100)), SampleEvent.T0.plus(Duration.ofHours(101))),
						null });
		for (Object[] c : cases) {
			for (int i = 0; i < 5; i++) {
				trail.search((AuditQuery) c[1], (Long) c[2], 50);
			}
			int runs = 50;
			long start = System.nanoTime();
			for (int i = 0; i < runs; i++) {
				trail.search((AuditQuery) c[1], (Long) c[2], 50);
			}
			line("page of 50, %s: %.2f ms", c[0], (System.nanoTime() - start) / 1e6 / runs);
		}
	}

	static final List<String> SEARCH_INDEXES = List.of("audit_entry_actor_idx ON audit_entry (actor, seq)",
			"audit_entry_action_idx ON audit_entry (action, seq)",
			"audit_entry_incident_idx ON audit_entry (incident_id, seq)",
			"audit_entry_outcome_idx ON audit_entry (outcome, seq)",
			"audit_entry_subject_idx ON audit_entry (subject, seq)",
			"audit_entry_occurred_idx ON audit_entry (occurred_at, seq)",
			"audit_entry_prev_hash_idx ON audit_entry (prev_hash)");

	/**
	 * Seals a realistic chain in memory (real hashes, HMACs and identifier hashes;
	 * details already clean, so the redactor is skipped) and streams it into PostgreSQL
	 * with COPY, the search indexes built afterwards as any bulk load would.
	 */
	private void bulkGenerate(HikariDataSource database, int count) throws Exception {
		JdbcClient sql = JdbcClient.create(database);
		SEARCH_INDEXES.forEach(index -> sql.sql("DROP INDEX " + index.substring(0, index.indexOf(' '))).update());
		AuditKey key = AuditKey.of(AuditFixtures.KEY);
		String[] actors = { "U0ALICE01", "U0BOB0001", "U0CAROL01", "system" };
		String[] actions = { "action.requested", "action.approved", "action.executed", "incident.opened",
				"diagnostics.shared" };
		String prev = ChainSealing.GENESIS;
		try (Connection connection = database.getConnection()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			StringBuilder batch = new StringBuilder(8 << 20);
			for (int seq = 1; seq <= count; seq++) {
				Instant at = SampleEvent.T0.plusSeconds(seq);
				EntryDraft draft = new EntryDraft(java.util.UUID.randomUUID(), at, actors[seq % 4], "",
						actions[seq % 5], "req-" + seq, seq % 1000 == 0 ? "inc-" + (seq / 1000) : "",
						seq % 7 == 0 ? "refused" : "ok", "{\"action\":\"vault.revoke-lease\",\"ttl\":\"15m\"}",
						"{\"leaseId\":\"" + key.identifier("database/creds/readonly/" + seq) + "\"}");
				StoredEntry e = ChainSealing.seal(draft, seq, prev, at, key);
				prev = e.hash();
				row(batch, e);
				if (seq % 50_000 == 0 || seq == count) {
					copy.copyIn("COPY audit_entry (seq, event_id, occurred_at, recorded_at, actor, actor_name, action, "
							+ "subject, incident_id, outcome, details, identifiers, key_id, prev_hash, hash, hmac) FROM STDIN",
							(Reader) new StringReader(batch.toString()));
					batch.setLength(0);
				}
			}
		}
		sql.sql("UPDATE audit_chain_head SET seq = :seq, hash = :hash WHERE id = 1")
			.param("seq", count)
			.param("hash", prev)
			.update();
		long indexes = System.nanoTime();
		SEARCH_INDEXES.forEach(index -> sql.sql("CREATE INDEX " + index).update());
		line("  of which building the 7 search indexes afterwards: %.1f s", seconds(indexes));
	}

	private static void row(StringBuilder out, StoredEntry e) {
		List<String> cells = new ArrayList<>(List.of(Long.toString(e.sequence()), e.eventId().toString(),
				ChainSealing.time(e.occurredAt()), ChainSealing.time(e.recordedAt()), e.actor(), e.actorName(),
				e.action(), e.subject(), e.incidentId(), e.outcome(), e.detailsJson(), e.identifiersJson(), e.keyId(),
				e.prevHash(), e.hash(), e.hmac()));
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				out.append('\t');
			}
			out.append(
					cells.get(i).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
		}
		out.append('\n');
	}

	private void line(String format, Object... args) {
		report.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
