package dev.watchkeeper.slack.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Plain SQL for the outbox, its per-channel pacing and lease rows, and the posted
 * messages. Every claim is a compare-and-set {@code UPDATE ... WHERE}, which behaves the
 * same on H2 and PostgreSQL and lets several replicas share one database without
 * delivering an entry twice.
 */
@Repository
class OutboxRepository {

	static final String MESSAGE = "MESSAGE";

	static final String REPLY = "REPLY";

	static final String PENDING = "PENDING";

	static final String SENDING = "SENDING";

	static final String SENT = "SENT";

	static final String PARKED = "PARKED";

	private final JdbcClient jdbc;

	OutboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Marks a pending MESSAGE entry for the key as wanted again; 0 when there is none to
	 * coalesce into.
	 */
	int touchPendingMessage(String key, Instant now) {
		return jdbc
			.sql("UPDATE slack_outbox SET updated_at = ? WHERE message_key = ? AND kind = 'MESSAGE'"
					+ " AND status = 'PENDING'")
			.params(time(now), key)
			.update();
	}

	void insert(String channel, String key, String kind, @Nullable String threadTs, @Nullable String text,
			@Nullable String blocks, boolean broadcast, @Nullable String dedupeKey, Instant now) {
		jdbc.sql("""
				INSERT INTO slack_outbox (channel, message_key, kind, thread_ts, text, blocks, broadcast, dedupe_key,
				  status, attempts, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
			.params(channel, key, kind, threadTs, text, blocks, broadcast, dedupeKey, time(now), time(now))
			.update();
	}

	boolean dedupeKeyExists(String dedupeKey) {
		return jdbc.sql("SELECT COUNT(*) FROM slack_outbox WHERE dedupe_key = ?")
			.param(dedupeKey)
			.query(Integer.class)
			.single() > 0;
	}

	/** Channels with work but no pacing row yet. */
	List<String> channelsWithoutPacing() {
		return jdbc.sql("""
				SELECT DISTINCT o.channel FROM slack_outbox o
				WHERE o.status IN ('PENDING', 'SENDING')
				  AND NOT EXISTS (SELECT 1 FROM slack_outbox_channel c WHERE c.channel = o.channel)""")
			.query(String.class)
			.list();
	}

	/**
	 * Creates a channel's pacing row; another replica may have just done so, which is
	 * fine.
	 */
	void createChannel(String channel, Instant now) {
		try {
			jdbc.sql("INSERT INTO slack_outbox_channel (channel, next_send_at) VALUES (?, ?)")
				.params(channel, time(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// created concurrently
		}
	}

	/**
	 * Channels with work whose pause is over and that no live worker holds, longest
	 * waiting first.
	 */
	List<String> dueChannels(Instant now, int limit) {
		return jdbc.sql("""
				SELECT c.channel FROM slack_outbox_channel c
				WHERE c.next_send_at <= ? AND (c.lease_until IS NULL OR c.lease_until < ?)
				  AND EXISTS (SELECT 1 FROM slack_outbox o WHERE o.channel = c.channel
				              AND o.status IN ('PENDING', 'SENDING'))
				ORDER BY c.next_send_at LIMIT ?""").params(time(now), time(now), limit).query(String.class).list();
	}

	/**
	 * Takes the channel's lease if it is due and free; true when this worker now holds
	 * it.
	 */
	boolean claimChannel(String channel, String owner, Instant now, Instant leaseUntil) {
		return jdbc.sql("""
				UPDATE slack_outbox_channel SET lease_owner = ?, lease_until = ?
				WHERE channel = ? AND next_send_at <= ? AND (lease_until IS NULL OR lease_until < ?)""")
			.params(owner, time(leaseUntil), channel, time(now), time(now))
			.update() == 1;
	}

	void releaseChannel(String channel, String owner, Instant nextSendAt) {
		jdbc.sql("""
				UPDATE slack_outbox_channel SET lease_owner = NULL, lease_until = NULL, next_send_at = ?
				WHERE channel = ? AND lease_owner = ?""").params(time(nextSendAt), channel, owner).update();
	}

	/**
	 * Pauses a channel until {@code until} (tests and operators); creates its pacing row
	 * when missing.
	 */
	void pauseChannel(String channel, Instant until) {
		createChannel(channel, until);
		jdbc.sql("UPDATE slack_outbox_channel SET next_send_at = ? WHERE channel = ?")
			.params(time(until), channel)
			.update();
	}

	/**
	 * The channel's next entry in order: a SENDING entry first (a worker died while
	 * delivering it).
	 */
	Optional<OutboxEntry> head(String channel) {
		return jdbc
			.sql("SELECT * FROM slack_outbox WHERE channel = ? AND status IN ('PENDING', 'SENDING')"
					+ " ORDER BY id LIMIT 1")
			.param(channel)
			.query(OutboxRepository::entry)
			.optional();
	}

	boolean markSending(long id, Instant now) {
		return jdbc
			.sql("UPDATE slack_outbox SET status = 'SENDING', updated_at = ? WHERE id = ? AND status = 'PENDING'")
			.params(time(now), id)
			.update() == 1;
	}

	void markSent(long id, @Nullable String ts, Instant now) {
		jdbc.sql("UPDATE slack_outbox SET status = 'SENT', ts = ?, sent_at = ?, updated_at = ?, last_error = NULL"
				+ " WHERE id = ?")
			.params(ts, time(now), time(now), id)
			.update();
	}

	void markParked(long id, String error, Instant now) {
		jdbc.sql("UPDATE slack_outbox SET status = 'PARKED', last_error = ?, attempts = attempts + 1, updated_at = ?"
				+ " WHERE id = ?")
			.params(abbreviate(error), time(now), id)
			.update();
	}

	/**
	 * Back to the queue, in place: the channel's pause decides when it is tried again.
	 */
	void markPending(long id, @Nullable String error, boolean countAttempt, Instant now) {
		jdbc.sql("UPDATE slack_outbox SET status = 'PENDING', last_error = ?, attempts = attempts + ?, updated_at = ?"
				+ " WHERE id = ?")
			.params(error == null ? null : abbreviate(error), countAttempt ? 1 : 0, time(now), id)
			.update();
	}

	Optional<PostedMessage> message(String key) {
		return jdbc.sql("SELECT * FROM slack_message WHERE message_key = ?")
			.param(key)
			.query(OutboxRepository::posted)
			.optional();
	}

	List<PostedMessage> messages(Collection<String> keys) {
		List<PostedMessage> found = new ArrayList<>();
		List<String> all = new ArrayList<>(keys);
		for (int i = 0; i < all.size(); i += 500) {
			List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
			found.addAll(jdbc
				.sql("SELECT * FROM slack_message WHERE message_key IN ("
						+ String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")
				.params(new ArrayList<Object>(chunk))
				.query(OutboxRepository::posted)
				.list());
		}
		return found;
	}

	void saveMessage(String key, String channel, String ts, @Nullable String permalink, Instant now) {
		jdbc.sql("INSERT INTO slack_message (message_key, channel, ts, permalink, posted_at) VALUES (?, ?, ?, ?, ?)")
			.params(key, channel, ts, permalink, time(now))
			.update();
	}

	void deleteMessage(String key) {
		jdbc.sql("DELETE FROM slack_message WHERE message_key = ?").param(key).update();
	}

	/**
	 * Parked entries, oldest first, of the given channels (all channels when empty).
	 */
	List<ParkedEntry> parked(Collection<String> channels, int limit) {
		return jdbc
			.sql("SELECT * FROM slack_outbox WHERE status = 'PARKED'" + inChannels(channels) + " ORDER BY id LIMIT "
					+ limit)
			.params(new ArrayList<Object>(channels))
			.query((rs, row) -> new ParkedEntry(rs.getLong("id"), rs.getString("channel"), rs.getString("message_key"),
					rs.getString("kind"), rs.getString("last_error"), rs.getInt("attempts"), instant(rs, "updated_at")))
			.list();
	}

	/**
	 * Puts parked entries of the given channels (all when empty) back in the queue with a
	 * fresh attempt count, keeping their place in the channel's order; returns how many.
	 */
	int requeue(Collection<String> channels, Instant now) {
		List<Object> params = new ArrayList<>();
		params.add(time(now));
		params.addAll(channels);
		return jdbc
			.sql("UPDATE slack_outbox SET status = 'PENDING', attempts = 0, updated_at = ? WHERE status = 'PARKED'"
					+ inChannels(channels))
			.params(params)
			.update();
	}

	private static String inChannels(Collection<String> channels) {
		return channels.isEmpty() ? ""
				: " AND channel IN (" + String.join(",", Collections.nCopies(channels.size(), "?")) + ")";
	}

	int purgeSent(Instant before) {
		return jdbc.sql("DELETE FROM slack_outbox WHERE status = 'SENT' AND sent_at < ?").param(time(before)).update();
	}

	long count(String status) {
		return jdbc.sql("SELECT COUNT(*) FROM slack_outbox WHERE status = ?").param(status).query(Long.class).single();
	}

	private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
		return new OutboxEntry(rs.getLong("id"), rs.getString("channel"), rs.getString("message_key"),
				rs.getString("kind"), rs.getString("thread_ts"), rs.getString("text"), rs.getString("blocks"),
				rs.getBoolean("broadcast"), rs.getString("status"), rs.getInt("attempts"), instant(rs, "updated_at"));
	}

	private static PostedMessage posted(ResultSet rs, int row) throws SQLException {
		return new PostedMessage(rs.getString("message_key"), rs.getString("channel"), rs.getString("ts"),
				rs.getString("permalink"), instant(rs, "posted_at"));
	}

	private static OffsetDateTime time(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static String abbreviate(String text) {
		return text.length() <= 1000 ? text : text.substring(0, 997) + "...";
	}

	/**
	 * One outbox row.
	 *
	 * @param threadTs the thread the entry belongs in when it names one itself (see
	 * {@link SlackOutbox#refresh(String, String, String)} and
	 * {@link SlackOutbox#replyInThread})
	 * @param updatedAt for a SENDING entry: when delivery started (where to look for it
	 * in the channel's history)
	 */
	record OutboxEntry(long id, String channel, String messageKey, String kind, @Nullable String threadTs,
			@Nullable String text, @Nullable String blocks, boolean broadcast, String status, int attempts,
			Instant updatedAt) {

		boolean sending() {
			return SENDING.equals(status);
		}

		boolean reply() {
			return REPLY.equals(kind);
		}
	}

}
