package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.watchkeeper.audit.SampleEvent;
import dev.watchkeeper.audit.Verification;
import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audit rows are append-only in PostgreSQL: the application role, granted exactly what
 * docs/audit.md prescribes, can append but cannot UPDATE, DELETE or TRUNCATE; even the
 * owner is stopped by the trigger. On H2 the same migrations run and the chain works.
 */
class AppendOnlyIntegrationTests {

	static final String ROLE = "wk_app_" + ProcessHandle.current().pid();

	HikariDataSource owner;

	HikariDataSource app;

	@BeforeEach
	void setUp() throws IOException {
		String url = EmbeddedPostgresSupport.newDatabase();
		owner = AuditFixtures.pool(url, "postgres", "postgres");
		org.flywaydb.core.Flyway.configure().dataSource(owner).locations("classpath:db/migration").load().migrate();
		JdbcClient admin = JdbcClient.create(owner);
		admin
			.sql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + ROLE + "') THEN "
					+ "CREATE ROLE " + ROLE + " LOGIN PASSWORD 'app'; END IF; END $$")
			.update();
		for (String grant : documentedGrants()) {
			admin.sql(grant.replace("watchkeeper_app", ROLE).replace("watchkeeper", currentDatabase(admin))).update();
		}
		app = AuditFixtures.pool(url, ROLE, "app");
	}

	@AfterEach
	void tearDown() {
		app.close();
		owner.close();
	}

	@Test
	void applicationRoleAppendsButCannotUpdateDeleteOrTruncate() {
		HashChainedAuditTrail trail = AuditFixtures.trail(app);
		trail.append(SampleEvent.approved("req-1"));
		trail.append(SampleEvent.approved("req-2"));
		JdbcClient asApp = JdbcClient.create(app);

		assertThatThrownBy(() -> asApp.sql("UPDATE audit_entry SET outcome = 'refused' WHERE seq = 1").update())
			.rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> asApp.sql("DELETE FROM audit_entry WHERE seq = 2").update()).rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> asApp.sql("TRUNCATE audit_entry").update()).rootCause()
			.hasMessageContaining("permission denied");
		assertThat(trail.verifyChain()).isEqualTo(new Verification.Intact(2, 2, trail.head().hash()));
	}

	@Test
	void triggerStopsEvenTheOwner() {
		AuditFixtures.trail(owner).append(SampleEvent.approved("req-1"));
		JdbcClient asOwner = JdbcClient.create(owner);

		assertThatThrownBy(() -> asOwner.sql("UPDATE audit_entry SET outcome = 'refused'").update()).rootCause()
			.hasMessageContaining("audit_entry is append-only: UPDATE refused");
		assertThatThrownBy(() -> asOwner.sql("DELETE FROM audit_entry").update()).rootCause()
			.hasMessageContaining("audit_entry is append-only: DELETE refused");
		assertThatThrownBy(() -> asOwner.sql("TRUNCATE audit_entry").update()).rootCause()
			.hasMessageContaining("audit_entry is append-only: TRUNCATE refused");
		assertThat(asOwner.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void publicHoldsNoWriteGrantsOnAuditRows() {
		List<String> publicPrivileges = JdbcClient.create(owner)
			.sql("SELECT privilege_type FROM information_schema.role_table_grants "
					+ "WHERE table_name = 'audit_entry' AND grantee = 'PUBLIC'")
			.query(String.class)
			.list();

		assertThat(publicPrivileges).doesNotContain("UPDATE", "DELETE", "TRUNCATE");
	}

	@Test
	void sameMigrationsRunOnH2WhereTheApplicationNeverUpdates() {
		try (HikariDataSource h2 = AuditFixtures.h2("append-only")) {
			HashChainedAuditTrail trail = AuditFixtures.trail(h2);
			trail.append(SampleEvent.approved("req-1"));

			assertThat(trail.verifyChain().intact()).isTrue();
		}
	}

	/**
	 * The SQL block under "Database grants" in docs/audit.md, so the documentation is
	 * what is tested.
	 */
	static List<String> documentedGrants() throws IOException {
		String doc = Files.readString(Path.of("docs/audit.md"), StandardCharsets.UTF_8);
		Matcher block = Pattern.compile("<!-- grants -->\\s*```sql\\n(.*?)```", Pattern.DOTALL).matcher(doc);
		assertThat(block.find()).as("docs/audit.md has a grants block").isTrue();
		return Pattern.compile(";\\s*\\n")
			.splitAsStream(block.group(1))
			.map(String::strip)
			.filter(s -> !s.isEmpty())
			.map(s -> s.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + " " + b).strip())
			.filter(s -> !s.isEmpty() && !s.startsWith("CREATE ROLE"))
			.toList();
	}

	private static String currentDatabase(JdbcClient admin) {
		return admin.sql("SELECT current_database()").query(String.class).single();
	}

}
