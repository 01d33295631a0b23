package dev.watchkeeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The same migration files run unchanged on H2 (the embedded default) and on PostgreSQL
 * (production).
 */
class MigrationTests {

	@Test
	void allMigrationsRunOnH2() {
		DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:migrations;DB_CLOSE_DELAY=-1", "sa", "");

		assertMigratesCompletely(h2);
	}

	@Test
	void allMigrationsRunOnPostgres() {
		DriverManagerDataSource postgres = new DriverManagerDataSource(EmbeddedPostgresSupport.newDatabase(),
				"postgres", "postgres");

		assertMigratesCompletely(postgres);
	}

	private void assertMigratesCompletely(DriverManagerDataSource dataSource) {
		Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
		int available = flyway.info().all().length;

		MigrateResult result = flyway.migrate();

		assertThat(result.success).isTrue();
		assertThat(result.migrationsExecuted).isEqualTo(available).isPositive();
		List<String> tables = JdbcClient.create(dataSource)
			.sql("SELECT LOWER(table_name) FROM information_schema.tables")
			.query(String.class)
			.list();
		assertThat(tables).contains("event_publication", "qrtz_triggers", "qrtz_locks");
	}

}
