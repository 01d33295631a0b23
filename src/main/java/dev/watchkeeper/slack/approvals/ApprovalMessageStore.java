package dev.watchkeeper.slack.approvals;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where each request's approval message lives, so later clicks and outcomes edit it in
 * place.
 */
@Repository
class ApprovalMessageStore {

	private final JdbcClient jdbc;

	ApprovalMessageStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Location> find(UUID requestId) {
		return jdbc
			.sql("SELECT channel_id, message_ts, incident_permalink FROM slack_approval_message WHERE request_id = :id")
			.param("id", requestId)
			.query((rs, i) -> new Location(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	void save(UUID requestId, Location location, Instant postedAt) {
		jdbc.sql(
				"INSERT INTO slack_approval_message (request_id, channel_id, message_ts, incident_permalink, posted_at)"
						+ " VALUES (:id, :channel, :ts, :permalink, :at)")
			.param("id", requestId)
			.param("channel", location.channelId())
			.param("ts", location.messageTs())
			.param("permalink", new SqlParameterValue(Types.VARCHAR, location.incidentPermalink()))
			.param("at", OffsetDateTime.ofInstant(postedAt, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	/**
	 * A posted approval message, and the permalink of its incident thread when it has
	 * one.
	 */
	record Location(String channelId, String messageTs, @Nullable String incidentPermalink) {
	}

}
