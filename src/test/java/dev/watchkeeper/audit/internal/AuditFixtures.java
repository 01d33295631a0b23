package dev.watchkeeper.audit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.watchkeeper.audit.Reviewer;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Builds the audit trail without Spring on a fresh, migrated database, so each test owns
 * its chain.
 */
final class AuditFixtures {

	static final String KEY = "test-audit-key-0123456789abcdef0123456789abcdef";

	static final Reviewer REVIEWER = new Reviewer("U0REVIEW1", "Rita Reviewer", "oidc");

	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00.123456789Z"), ZoneOffset.UTC);

	private AuditFixtures() {
	}

	/**
	 * A fresh PostgreSQL database with every migration applied (as the superuser, the
	 * owner of the tables).
	 */
	static HikariDataSource postgres() {
		return migrated(pool(EmbeddedPostgresSupport.newDatabase(), "postgres", "postgres"));
	}

	static HikariDataSource h2(String name) {
		return migrated(pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", ""));
	}

	static HikariDataSource pool(String url, String user, String password) {
		HikariConfig config = new HikariConfig();
		// the embedded server's URLs carry ?user=postgres, which would override the user
		// given here
		config.setJdbcUrl(url.replaceAll("[?&](user|password)=[^&]*", ""));
		config.setUsername(user);
		config.setPassword(password);
		config.setMaximumPoolSize(10);
		return new HikariDataSource(config);
	}

	private static HikariDataSource migrated(HikariDataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return dataSource;
	}

	static HashChainedAuditTrail trail(DataSource dataSource, @Nullable String key) {
		return new HashChainedAuditTrail(new AuditEntryRepository(dataSource), key == null ? null : AuditKey.of(key),
				Redactor.standard(), CLOCK, new DataSourceTransactionManager(dataSource));
	}

	static HashChainedAuditTrail trail(DataSource dataSource) {
		return trail(dataSource, KEY);
	}

}
