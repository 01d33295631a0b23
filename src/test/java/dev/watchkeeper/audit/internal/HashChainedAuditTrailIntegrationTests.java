package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.watchkeeper.audit.AuditEntry;
import dev.watchkeeper.audit.AuditEntryRefused;
import dev.watchkeeper.audit.AuditPage;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.ExportFormat;
import dev.watchkeeper.audit.SampleEvent;
import dev.watchkeeper.audit.Verification;
import dev.watchkeeper.audit.Verification.Broken;
import dev.watchkeeper.audit.Verification.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chain on a real PostgreSQL: appends, reads, exports, and verification after
 * tampering with rows directly as the database superuser (the append-only trigger
 * disabled first, as an attacker with that power would).
 */
class HashChainedAuditTrailIntegrationTests {

	HikariDataSource database;

	HashChainedAuditTrail trail;

	JdbcClient sql;

	@BeforeEach
	void setUp() {
		database = AuditFixtures.postgres();
		trail = AuditFixtures.trail(database);
		sql = JdbcClient.create(database);
	}

	@AfterEach
	void tearDown() {
		database.close();
	}

	@Test
	void appendedEntriesFormOneSealedChain() {
		AuditEntry first = trail.append(SampleEvent.approved("req-1"));
		AuditEntry second = trail.append(SampleEvent.approved("req-2"));

		assertThat(first.sequence()).isEqualTo(1);
		assertThat(first.prevHash()).isEqualTo(ChainSealing.GENESIS);
		assertThat(second.sequence()).isEqualTo(2);
		assertThat(second.prevHash()).isEqualTo(first.hash());
		assertThat(AuditKey.of(AuditFixtures.KEY).sealMatches(second.hash(), second.hmac())).isTrue();
		assertThat(trail.head().sequence()).isEqualTo(2);
		assertThat(trail.verifyChain()).isEqualTo(new Verification.Intact(2, 2, second.hash()));
	}

	@Test
	void redeliveredEventIsRecordedOnce() {
		SampleEvent event = SampleEvent.approved("req-1");

		AuditEntry first = trail.append(event);
		AuditEntry again = trail.append(event);

		assertThat(again).isEqualTo(first);
		assertThat(count()).isEqualTo(1);
	}

	@Test
	void sensitiveIdentifiersAreNeverStoredInClear() {
		AuditEntry entry = trail.append(SampleEvent.approved("req-1"));

		assertThat(entry.identifiers().get("leaseId")).startsWith("hmac-sha256:")
			.isEqualTo(trail.hashIdentifier("database/creds/readonly/abc123"));
		String row = sql.sql("SELECT details || identifiers FROM audit_entry").query(String.class).single();
		assertThat(row).doesNotContain("abc123").contains("vault.revoke-lease");
	}

	@Test
	void secretsInDetailsAreRedactedBeforeTheyAreStored() {
		String token = "xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx";

		AuditEntry entry = trail.append(SampleEvent.approved("req-1").withDetails(Map.of("note", "used " + token)));

		assertThat(entry.details().get("note")).startsWith("used [REDACTED:").doesNotContain(token);
		assertThat(sql.sql("SELECT details FROM audit_entry").query(String.class).single()).doesNotContain(token);
		assertThat(trail.verifyChain().intact()).isTrue();
	}

	@Test
	void eventThatCannotBeRecordedIsRefusedAndWritesNothing() {
		SampleEvent badAction = new SampleEvent(UUID.randomUUID(), SampleEvent.T0, "U0ALICE01", "", "drop table;", "x",
				"", "ok", Map.of(), Map.of());
		SampleEvent badDetail = SampleEvent.approved("req").withDetails(Map.of("bad key!", "v"));

		assertThatThrownBy(() -> trail.append(badAction)).isInstanceOf(AuditEntryRefused.class)
			.hasMessageContaining("action");
		assertThatThrownBy(() -> trail.append(badDetail)).isInstanceOf(AuditEntryRefused.class)
			.hasMessageContaining("detail name");
		assertThat(count()).isZero();
		assertThat(trail.head().sequence()).isZero();
	}

	@Test
	void oversizedDetailValuesAreTruncatedAfterRedaction() {
		AuditEntry entry = trail.append(SampleEvent.approved("req").withDetails(Map.of("log", "x".repeat(10_000))));

		assertThat(entry.details().get("log")).hasSize(EntryDraft.MAX_DETAIL_VALUE + "…[truncated]".length())
			.endsWith("…[truncated]");
	}

	@Test
	void searchFiltersAndPagesNewestFirstByKeyset() {
		for (int i = 0; i < 7; i++) {
			trail.append(SampleEvent.of("U0ALICE01", "action.approved", "ok", SampleEvent.T0.plusSeconds(i)));
			trail.append(SampleEvent.of("U0BOB0001", "action.denied", "refused", SampleEvent.T0.plusSeconds(i)));
		}
		trail.append(SampleEvent.of("system", "incident.opened", "ok", SampleEvent.T0).withIncident("inc-9"));
		AuditQuery alice = new AuditQuery("U0ALICE01", null, null, null, null, null, null);

		AuditPage first = trail.search(alice, null, 3);
		AuditPage second = trail.search(alice, first.nextBefore(), 3);
		AuditPage last = trail.search(alice, second.nextBefore(), 3);

		assertThat(first.entries()).extracting(AuditEntry::sequence).containsExactly(13L, 11L, 9L);
		assertThat(second.entries()).extracting(AuditEntry::sequence).containsExactly(7L, 5L, 3L);
		assertThat(last.entries()).extracting(AuditEntry::sequence).containsExactly(1L);
		assertThat(last.nextBefore()).isNull();
		assertThat(trail.search(new AuditQuery(null, "action.*", null, null, null, null, null), null, 100).entries())
			.hasSize(14);
		assertThat(trail.search(new AuditQuery(null, null, "inc-9", null, null, null, null), null, 100).entries())
			.extracting(AuditEntry::action)
			.containsExactly("incident.opened");
		assertThat(trail
			.search(new AuditQuery(null, null, null, "refused", null, SampleEvent.T0.plusSeconds(2),
					SampleEvent.T0.plusSeconds(4)), null, 100)
			.entries()).extracting(AuditEntry::occurredAt)
			.containsExactly(SampleEvent.T0.plusSeconds(3), SampleEvent.T0.plusSeconds(2));
	}

	@Test
	void likeWildcardsInAnActionPrefixMatchLiterally() {
		trail.append(SampleEvent.of("U0ALICE01", "action.approved", "ok", SampleEvent.T0));
		trail.append(SampleEvent.of("U0ALICE01", "actionXapproved", "ok", SampleEvent.T0));

		assertThat(trail.search(new AuditQuery(null, "action_*", null, null, null, null, null), null, 10).entries())
			.isEmpty();
	}

	@Test
	void exportIsRecordedBeforeItStreamsAndCarriesTheChain() throws Exception {
		trail.append(SampleEvent.approved("req-1"));
		trail.append(SampleEvent.of("U0BOB0001", "action.denied", "refused", SampleEvent.T0));
		ByteArrayOutputStream jsonl = new ByteArrayOutputStream();

		long written = trail.export(AuditQuery.all(), ExportFormat.JSONL, jsonl, AuditFixtures.REVIEWER);

		List<String> lines = jsonl.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(written).isEqualTo(3);
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).startsWith("{\"action\":\"action.approved\"").contains("\"hash\":\"");
		assertThat(lines.get(2)).contains("\"action\":\"audit.exported\"").contains("\"actor\":\"U0REVIEW1\"");
		assertThat(trail.verifyChain().intact()).isTrue();
	}

	@Test
	void csvExportQuotesEveryCellAndDefusesFormulas() throws Exception {
		trail.append(SampleEvent.approved("=HYPERLINK(\"http://evil\")"));
		ByteArrayOutputStream csv = new ByteArrayOutputStream();

		trail.export(new AuditQuery(null, "action.approved", null, null, null, null, null), ExportFormat.CSV, csv,
				AuditFixtures.REVIEWER);

		List<String> lines = csv.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines.get(0)).startsWith("\"seq\",\"occurredAt\"");
		assertThat(lines.get(1)).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");
	}

	@Test
	void verificationIsRecordedAfterTheWalk() {
		AuditEntry first = trail.append(SampleEvent.approved("req-1"));

		Verification result = trail.verify(AuditFixtures.REVIEWER);

		assertThat(result).isEqualTo(new Verification.Intact(1, 1, first.hash()));
		AuditEntry recorded = trail.entry(2).orElseThrow();
		assertThat(recorded.action()).isEqualTo("audit.verified");
		assertThat(recorded.details()).containsEntry("headHash", first.hash()).containsEntry("entries", "1");
	}

	@Test
	void modifiedRowIsNamed() {
		appendSome(5);

		tamper("UPDATE audit_entry SET outcome = 'refused' WHERE seq = 3");

		assertBroken(3, Problem.MODIFIED);
	}

	@Test
	void deletedRowIsNamed() {
		appendSome(5);

		tamper("DELETE FROM audit_entry WHERE seq = 2");

		assertBroken(2, Problem.DELETED);
	}

	@Test
	void rowsDeletedFromTheEndAreNamed() {
		appendSome(5);

		tamper("DELETE FROM audit_entry WHERE seq >= 4");

		assertBroken(4, Problem.DELETED);
	}

	@Test
	void insertedRowIsNamed() {
		appendSome(5);
		String prevOfThird = sql.sql("SELECT hash FROM audit_entry WHERE seq = 2").query(String.class).single();
		// make room at 3 (highest first: the primary key is checked row by row), then
		// forge an entry that links and
		// hashes correctly: what anyone can compute without the HMAC key
		tamper("UPDATE audit_entry SET seq = -seq WHERE seq >= 3",
				"UPDATE audit_entry SET seq = 1 - seq WHERE seq < 0");
		StoredEntry forged = ChainSealing.seal(
				EntryDraft.of(SampleEvent.approved("forged"), dev.watchkeeper.redaction.Redactor.standard(),
						AuditKey.of(AuditFixtures.KEY)),
				3, prevOfThird, AuditFixtures.CLOCK.instant(), AuditKey.of("not-the-audit-key-not-the-audit-key-00"));
		new AuditEntryRepository(database).insert(forged);

		assertBroken(3, Problem.INSERTED);
	}

	@Test
	void swappedRowsAreNamedReordered() {
		appendSome(5);

		tamper("UPDATE audit_entry SET seq = -1 WHERE seq = 2", "UPDATE audit_entry SET seq = 2 WHERE seq = 3",
				"UPDATE audit_entry SET seq = 3 WHERE seq = -1");

		assertBroken(2, Problem.REORDERED);
	}

	@Test
	void chainRewrittenWithoutTheKeyHasBadHmac() {
		appendSome(4);
		// the attacker edits entry 2 and recomputes every hash after it, but cannot
		// compute the HMACs
		tamper("UPDATE audit_entry SET outcome = 'refused' WHERE seq = 2");
		String prev = sql.sql("SELECT hash FROM audit_entry WHERE seq = 1").query(String.class).single();
		for (long seq = 2; seq <= 4; seq++) {
			StoredEntry row = new AuditEntryRepository(database).find(seq).orElseThrow();
			StoredEntry relinked = new StoredEntry(seq, row.eventId(), row.occurredAt(), row.recordedAt(), row.actor(),
					row.actorName(), row.action(), row.subject(), row.incidentId(), row.outcome(), row.detailsJson(),
					row.identifiersJson(), row.keyId(), prev, "", row.hmac());
			String hash = ChainSealing.hash(relinked);
			tamper("UPDATE audit_entry SET prev_hash = '" + prev + "', hash = '" + hash + "' WHERE seq = " + seq);
			prev = hash;
		}
		sql.sql("UPDATE audit_chain_head SET hash = :hash").param("hash", prev).update();

		assertBroken(2, Problem.BAD_HMAC);
	}

	@Test
	void wrongKeyIsReported() {
		appendSome(3);

		Verification result = AuditFixtures.trail(database, "some-other-key-some-other-key-some-other").verifyChain();

		assertThat(result).isInstanceOf(Broken.class);
		assertThat(((Broken) result).problem()).isEqualTo(Problem.BAD_HMAC);
		assertThat(((Broken) result).explanation()).contains("another key");
	}

	@Test
	void missingKeyIsReported() {
		appendSome(3);

		Verification result = AuditFixtures.trail(database, null).verifyChain();

		assertThat(result).isInstanceOf(Broken.class);
		assertThat(((Broken) result).problem()).isEqualTo(Problem.MISSING_KEY);
		assertThat(((Broken) result).explanation()).contains("WATCHKEEPER_AUDIT_HMAC_KEY");
	}

	@Test
	void verificationWalksLongChainsWithoutHoldingThemInMemory() {
		appendSome(1_200);

		assertThat(trail.verifyChain()).isInstanceOf(Verification.Intact.class)
			.extracting(v -> ((Verification.Intact) v).entries())
			.isEqualTo(1_200L);
	}

	private void appendSome(int count) {
		for (int i = 0; i < count; i++) {
			trail.append(SampleEvent.of(i % 2 == 0 ? "U0ALICE01" : "U0BOB0001", "action.approved", "ok",
					SampleEvent.T0.plus(Duration.ofSeconds(i))));
		}
	}

	private void tamper(String... statements) {
		sql.sql("ALTER TABLE audit_entry DISABLE TRIGGER USER").update();
		for (String statement : statements) {
			sql.sql(statement).update();
		}
		sql.sql("ALTER TABLE audit_entry ENABLE TRIGGER USER").update();
	}

	private void assertBroken(long sequence, Problem problem) {
		Verification result = trail.verifyChain();
		assertThat(result).isInstanceOf(Broken.class);
		Broken broken = (Broken) result;
		assertThat(broken.problem()).as(broken.explanation()).isEqualTo(problem);
		assertThat(broken.sequence()).as(broken.explanation()).isEqualTo(sequence);
	}

	private long count() {
		return sql.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single();
	}

}
