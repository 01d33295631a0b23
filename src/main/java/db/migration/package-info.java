/**
 * Flyway Java migrations (Flyway's default location), for steps that differ between H2
 * and PostgreSQL.
 */
@NullMarked
package db.migration;

import org.jspecify.annotations.NullMarked;
