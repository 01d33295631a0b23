package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.ChainHead;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SQL for the audit tables. Only INSERT and SELECT touch {@code audit_entry}; the one row
 * of {@code audit_chain_head} is locked with {@code SELECT ... FOR UPDATE} by every
 * append, which serializes writers across threads and replicas on H2 and PostgreSQL
 * alike.
 */
class AuditEntryRepository {

	private static final String COLUMNS = "seq, event_id, occurred_at, recorded_at, actor, actor_name, action, "
			+ "subject, incident_id, outcome, details, identifiers, key_id, prev_hash, hash, hmac";

	static final RowMapper<StoredEntry> ROWS = AuditEntryRepository::row;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate streaming;

	AuditEntryRepository(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
		JdbcTemplate template = new JdbcTemplate(dataSource);
		// PostgreSQL streams with a cursor only with a fetch size inside a transaction;
		// H2 spills large results
		template.setFetchSize(2_000);
		this.streaming = new NamedParameterJdbcTemplate(template);
	}

	/** Locks the chain head until the current transaction ends and returns it. */
	ChainHead lockHead() {
		return jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
			.query((rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2)))
			.single();
	}

	ChainHead head() {
		return jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE id = 1")
			.query((rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2)))
			.single();
	}

	void moveHead(StoredEntry entry) {
		int updated = jdbc.sql("UPDATE audit_chain_head SET seq = :seq, hash = :hash WHERE id = 1 AND seq = :prev")
			.param("seq", entry.sequence())
			.param("hash", entry.hash())
			.param("prev", entry.sequence() - 1)
			.update();
		if (updated != 1) {
			throw new IllegalStateException("audit chain head moved while locked: refusing to fork the chain");
		}
	}

	Optional<StoredEntry> findByEventId(UUID eventId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE event_id = :id")
			.param("id", eventId)
			.query(ROWS)
			.optional();
	}

	Optional<StoredEntry> find(long sequence) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE seq = :seq")
			.param("seq", sequence)
			.query(ROWS)
			.optional();
	}

	void insert(StoredEntry e) {
		jdbc.sql("INSERT INTO audit_entry (" + COLUMNS + ") VALUES (:seq, :eventId, :occurredAt, :recordedAt, :actor, "
				+ ":actorName, :action, :subject, :incidentId, :outcome, :details, :identifiers, :keyId, :prevHash, "
				+ ":hash, :hmac)")
			.param("seq", e.sequence())
			.param("eventId", e.eventId())
			.param("occurredAt", utc(e.occurredAt()))
			.param("recordedAt", utc(e.recordedAt()))
			.param("actor", e.actor())
			.param("actorName", e.actorName())
			.param("action", e.action())
			.param("subject", e.subject())
			.param("incidentId", e.incidentId())
			.param("outcome", e.outcome())
			.param("details", e.detailsJson())
			.param("identifiers", e.identifiersJson())
			.param("keyId", e.keyId())
			.param("prevHash", e.prevHash())
			.param("hash", e.hash())
			.param("hmac", e.hmac())
			.update();
	}

	/**
	 * Newest first: {@code limit} entries matching the query with a sequence number below
	 * {@code before}.
	 */
	List<StoredEntry> search(AuditQuery query, @Nullable Long before, int limit) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(query, params);
		if (before != null) {
			where += (where.isEmpty() ? " WHERE " : " AND ") + "seq < :before";
			params.put("before", before);
		}
		params.put("limit", limit);
		return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry" + where + " ORDER BY seq DESC LIMIT :limit")
			.params(params)
			.query(ROWS)
			.list();
	}

	/**
	 * Oldest first, every entry matching the query; call inside a transaction so
	 * PostgreSQL uses a cursor.
	 */
	void stream(AuditQuery query, Consumer<StoredEntry> each) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(query, params);
		streaming.query("SELECT " + COLUMNS + " FROM audit_entry" + where + " ORDER BY seq", params,
				(RowCallbackHandler) rs -> each.accept(row(rs, 0)));
	}

	/**
	 * Some entry after {@code sequence} whose hash is {@code hash}: its stored successor
	 * comes before it.
	 */
	Optional<Long> laterEntryWithHash(String hash, long sequence) {
		return jdbc.sql("SELECT MIN(seq) FROM audit_entry WHERE hash = :hash AND seq > :seq")
			.param("hash", hash)
			.param("seq", sequence)
			.query(Long.class)
			.optional();
	}

	/**
	 * The first entry after {@code sequence} that claims {@code prevHash} as its
	 * predecessor.
	 */
	Optional<Long> laterEntryWithPrevHash(String prevHash, long sequence) {
		return jdbc.sql("SELECT MIN(seq) FROM audit_entry WHERE prev_hash = :prev AND seq > :seq")
			.param("prev", prevHash)
			.param("seq", sequence)
			.query(Long.class)
			.optional();
	}

	Optional<WitnessMark> lastWitness() {
		return jdbc.sql("SELECT seq, hash FROM audit_witness WHERE id = 1")
			.query((rs, n) -> new WitnessMark(rs.getLong(1), rs.getString(2)))
			.optional();
	}

	void markWitnessed(ChainHead head, Instant at) {
		int updated = jdbc.sql("UPDATE audit_witness SET seq = :seq, hash = :hash, witnessed_at = :at WHERE id = 1")
			.param("seq", head.sequence())
			.param("hash", head.hash())
			.param("at", utc(at))
			.update();
		if (updated == 0) {
			jdbc.sql("INSERT INTO audit_witness (id, seq, hash, witnessed_at) VALUES (1, :seq, :hash, :at)")
				.param("seq", head.sequence())
				.param("hash", head.hash())
				.param("at", utc(at))
				.update();
		}
	}

	/** The head last posted to the witness channel. */
	record WitnessMark(long sequence, String hash) {
	}

	private static String where(AuditQuery query, Map<String, Object> params) {
		List<String> conditions = new ArrayList<>();
		if (query.actor() != null) {
			conditions.add("actor = :actor");
			params.put("actor", query.actor());
		}
		if (query.action() != null) {
			if (query.actionIsPrefix()) {
				conditions.add("action LIKE :action ESCAPE '\\'");
				params.put("action", likePrefix(query.action().substring(0, query.action().length() - 1)));
			}
			else {
				conditions.add("action = :action");
				params.put("action", query.action());
			}
		}
		if (query.incident() != null) {
			conditions.add("incident_id = :incident");
			params.put("incident", query.incident());
		}
		if (query.outcome() != null) {
			conditions.add("outcome = :outcome");
			params.put("outcome", query.outcome());
		}
		if (query.subject() != null) {
			conditions.add("subject = :subject");
			params.put("subject", query.subject());
		}
		if (query.from() != null) {
			conditions.add("occurred_at >= :from");
			params.put("from", utc(query.from()));
		}
		if (query.to() != null) {
			conditions.add("occurred_at < :to");
			params.put("to", utc(query.to()));
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	private static String likePrefix(String prefix) {
		return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static StoredEntry row(ResultSet rs, int n) throws SQLException {
		return new StoredEntry(rs.getLong("seq"), rs.getObject("event_id", UUID.class),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
				rs.getString("actor_name"), rs.getString("action"), rs.getString("subject"),
				rs.getString("incident_id"), rs.getString("outcome"), rs.getString("details"),
				rs.getString("identifiers"), rs.getString("key_id"), rs.getString("prev_hash"), rs.getString("hash"),
				rs.getString("hmac"));
	}

}
