package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.watchkeeper.audit.AuditEntry;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.SampleEvent;
import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code java -jar watchkeeper.jar audit verify|export} against a real PostgreSQL holding
 * a chain.
 */
class AuditCommandIntegrationTests {

	String url;

	HikariDataSource database;

	HashChainedAuditTrail trail;

	final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

	final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

	@TempDir
	Path temp;

	@BeforeEach
	void setUp() {
		url = EmbeddedPostgresSupport.newDatabase();
		database = AuditFixtures.pool(url, "postgres", "postgres");
		org.flywaydb.core.Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
		trail = AuditFixtures.trail(database);
		trail.append(SampleEvent.approved("req-1").withIncident("inc-1"));
		trail.append(SampleEvent.of("U0BOB0001", "action.denied", "refused", SampleEvent.T0));
		trail.append(SampleEvent.approved("req-3").withIncident("inc-1"));
	}

	@AfterEach
	void tearDown() {
		database.close();
	}

	@Test
	void verifyPrintsOkWithTheHeadAndRecordsItself() throws Exception {
		String head = trail.head().hash();

		int exit = run("verify");

		assertThat(exit).isZero();
		assertThat(out()).isEqualTo("OK: 3 entries, head 3 " + head + "\n");
		AuditEntry recorded = trail.entry(4).orElseThrow();
		assertThat(recorded.action()).isEqualTo("audit.verified");
		assertThat(recorded.actor()).startsWith("cli:");
	}

	@Test
	void brokenChainExitsNonZeroNamingTheEntry() throws Exception {
		JdbcClient sql = JdbcClient.create(database);
		sql.sql("ALTER TABLE audit_entry DISABLE TRIGGER USER").update();
		sql.sql("UPDATE audit_entry SET actor = 'U0MALLORY' WHERE seq = 2").update();
		sql.sql("ALTER TABLE audit_entry ENABLE TRIGGER USER").update();

		int exit = run("verify");

		assertThat(exit).isEqualTo(1);
		assertThat(out()).startsWith("BROKEN at entry 2: MODIFIED");
	}

	@Test
	void verifyWithoutTheKeySaysSoAndNeverGeneratesOne() throws Exception {
		Path keyFile = temp.resolve("audit-hmac.key");

		int exit = runWith(List.of("verify"), "--watchkeeper.audit.hmac-key=",
				"--watchkeeper.audit.key-file=" + keyFile);

		assertThat(exit).isEqualTo(1);
		assertThat(out()).startsWith("BROKEN at entry 1: MISSING_KEY");
		assertThat(keyFile).doesNotExist();
	}

	@Test
	void exportWritesTheFilteredEntriesToAFileAndIsAudited() throws Exception {
		Path file = temp.resolve("export.csv");

		int exit = run("export", "--format", "csv", "--incident", "inc-1", "--output", file.toString());

		assertThat(exit).isZero();
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		assertThat(lines).hasSize(3);
		assertThat(lines.get(1)).contains("req-1");
		assertThat(lines.get(2)).contains("req-3");
		assertThat(new String(stderr.toByteArray(), StandardCharsets.UTF_8)).contains("exported 2 entries");
		assertThat(
				trail.search(new AuditQuery(null, "audit.exported", null, null, null, null, null), null, 1).entries())
			.singleElement()
			.satisfies(e -> assertThat(e.details()).containsEntry("filter.incident", "inc-1"));
	}

	@Test
	void exportToStdoutWritesJsonLines() throws Exception {
		int exit = run("export", "--action=action.denied");

		assertThat(exit).isZero();
		assertThat(out().lines()).singleElement()
			.satisfies(line -> assertThat(line).contains("\"action\":\"action.denied\""));
	}

	@Test
	void badUsageIsExplained() {
		AuditCommand command = new AuditCommand();

		assertThatThrownBy(() -> command.run(List.of(), System.in, System.out, System.err))
			.hasMessageContaining("expected 'verify' or 'export'");
		assertThatThrownBy(() -> command.run(List.of("export", "--colour", "red"), System.in, System.out, System.err))
			.hasMessageContaining("unknown option --colour");
		assertThatThrownBy(
				() -> command.run(List.of("export", "--from", "last week"), System.in, System.out, System.err))
			.hasMessageContaining("'from' is not a time");
	}

	private int run(String... args) throws Exception {
		return runWith(List.of(args));
	}

	private int runWith(List<String> args, String... settings) throws Exception {
		List<String> all = new ArrayList<>(args);
		all.add("--spring.datasource.url=" + url);
		all.add("--spring.datasource.username=postgres");
		all.add("--spring.datasource.password=postgres");
		all.add("--watchkeeper.audit.hmac-key=" + AuditFixtures.KEY);
		all.addAll(List.of(settings));
		return new AuditCommand().run(all, new ByteArrayInputStream(new byte[0]),
				new PrintStream(stdout, true, StandardCharsets.UTF_8),
				new PrintStream(stderr, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return stdout.toString(StandardCharsets.UTF_8);
	}

}
