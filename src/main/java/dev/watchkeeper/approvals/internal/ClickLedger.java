package dev.watchkeeper.approvals.internal;

import dev.watchkeeper.approvals.Click;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every click that reached a decision, keyed by (subject, user, click id, kind).
 * Recording a click is the first statement of its decision's transaction, so a replayed
 * click fails on the primary key before anything else happens.
 */
@Repository
public class ClickLedger {

	private final JdbcClient jdbc;

	public ClickLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when this very click was
	 * recorded before
	 */
	public void record(String subject, Click click, String kind, Instant at) {
		jdbc.sql("INSERT INTO approval_click (subject, user_id, click_id, kind, recorded_at)"
				+ " VALUES (:subject, :user, :click, :kind, :at)")
			.param("subject", subject)
			.param("user", click.user().value())
			.param("click", click.clickId())
			.param("kind", kind)
			.param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	/**
	 * Forgets clicks older than {@code cutoff}; Slack's signature check refuses replays
	 * of them anyway.
	 */
	public int purgeOlderThan(Instant cutoff) {
		return jdbc.sql("DELETE FROM approval_click WHERE recorded_at < :cutoff")
			.param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

}
