package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes audit rows append-only in PostgreSQL: a trigger raises on UPDATE, DELETE and
 * TRUNCATE of {@code audit_entry} (for every role, the owner included, until someone with
 * ownership disables it, which is itself an auditable DDL event in PostgreSQL's logs),
 * and PUBLIC holds no UPDATE, DELETE or TRUNCATE on it. On H2, the embedded single-user
 * default, it does nothing: the application never issues those statements.
 * <p>
 * A Java migration because the trigger needs PL/pgSQL, which H2 cannot parse; it lives in
 * Flyway's own {@code db.migration} location (hence the Flyway-style class name) so that
 * every Flyway run, with or without Spring, applies exactly the same migration set on
 * both databases.
 */
public class V20_2__Audit_append_only extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		if (!connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("""
					CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN
					  RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
					    USING ERRCODE = 'insufficient_privilege';
					END
					$$""");
			statement.execute("""
					CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON audit_entry
					  FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()""");
			statement.execute("""
					CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
					  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()""");
			statement.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM PUBLIC");
		}
	}

}
