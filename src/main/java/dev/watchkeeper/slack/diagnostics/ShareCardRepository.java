package dev.watchkeeper.slack.diagnostics;

import dev.watchkeeper.diagnostics.ShareId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The Slack card of each share created from Slack: channel, message timestamps, creator.
 */
@Repository
class ShareCardRepository {

	private final JdbcClient jdbc;

	ShareCardRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param threadTs where the link and the notices go: the incident thread, or the
	 * card's own thread
	 */
	record ShareCard(ShareId shareId, String channel, String cardTs, String threadTs, @Nullable String linkTs,
			String creator, String incidentId, int refusedNotices) {
	}

	void insert(ShareCard card, Instant now) {
		jdbc.sql(
				"""
						INSERT INTO slack_diagnostics_card (share_id, channel, card_ts, thread_ts, link_ts, creator, incident_id,
						  created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
						""")
			.params(card.shareId().value(), card.channel(), card.cardTs(), card.threadTs(), card.linkTs(),
					card.creator(), card.incidentId().isEmpty() ? null : card.incidentId(),
					now.atOffset(ZoneOffset.UTC))
			.update();
	}

	Optional<ShareCard> find(ShareId id) {
		return jdbc.sql("SELECT * FROM slack_diagnostics_card WHERE share_id = ?")
			.param(id.value())
			.query((rs, row) -> new ShareCard(new ShareId(rs.getString("share_id")), rs.getString("channel"),
					rs.getString("card_ts"), rs.getString("thread_ts"), rs.getString("link_ts"),
					rs.getString("creator"), rs.getString("incident_id") == null ? "" : rs.getString("incident_id"),
					rs.getInt("refused_notices")))
			.optional();
	}

	void linkPosted(ShareId id, String linkTs) {
		jdbc.sql("UPDATE slack_diagnostics_card SET link_ts = ? WHERE share_id = ?")
			.params(linkTs, id.value())
			.update();
	}

	/** Counts a refused-attempt notice; returns how many were posted before this one. */
	int countRefusedNotice(ShareId id) {
		int before = jdbc.sql("SELECT refused_notices FROM slack_diagnostics_card WHERE share_id = ?")
			.param(id.value())
			.query(Integer.class)
			.optional()
			.orElse(0);
		jdbc.sql("UPDATE slack_diagnostics_card SET refused_notices = refused_notices + 1 WHERE share_id = ?")
			.param(id.value())
			.update();
		return before;
	}

	void delete(ShareId id) {
		jdbc.sql("DELETE FROM slack_diagnostics_card WHERE share_id = ?").param(id.value()).update();
	}

}
