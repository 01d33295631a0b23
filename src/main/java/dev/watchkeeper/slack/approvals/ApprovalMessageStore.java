package dev.watchkeeper.slack.approvals;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where approval messages were posted before they went through the Slack outbox: read
 * only, so such a message is adopted as its request's living message and keeps being
 * edited in place (new messages are recorded by the outbox).
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

	/**
	 * A posted approval message, and the permalink of its incident thread when it has
	 * one.
	 */
	record Location(String channelId, String messageTs, @Nullable String incidentPermalink) {
	}

}
