package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every row of every table, as text (binary columns as ISO-8859-1), for searching the
 * database for a secret.
 */
final class DatabaseRows {

	private DatabaseRows() {
	}

	static List<String> all(JdbcClient jdbc) {
		List<String> tables = jdbc
			.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
					+ "AND table_type = 'BASE TABLE'")
			.query(String.class)
			.list();
		assertThat(tables).contains("diagnostics_share", "event_publication");
		List<String> rows = new ArrayList<>();
		for (String table : tables) {
			jdbc.sql("SELECT * FROM " + table).query(rs -> {
				int columns = rs.getMetaData().getColumnCount();
				StringBuilder row = new StringBuilder(table);
				for (int i = 1; i <= columns; i++) {
					byte[] raw = rs.getMetaData().getColumnTypeName(i).equals("bytea") ? rs.getBytes(i) : null;
					row.append(" | ")
						.append(raw != null ? new String(raw, StandardCharsets.ISO_8859_1) : rs.getString(i));
				}
				rows.add(row.toString());
			});
		}
		assertThat(rows).anyMatch(row -> row.startsWith("diagnostics_share"));
		return rows;
	}

}
