package dev.watchkeeper.alerts.internal;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.AlertStatus;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.IncidentStatus;
import dev.watchkeeper.core.IncidentId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain SQL for alert groups, incidents, their alerts and the alert history. Written for
 * H2 and PostgreSQL alike; batch statements keep a 10,000-alert delivery to a handful of
 * round trips.
 */
@Repository
class IncidentRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	/** IN lists are split so no statement carries thousands of parameters. */
	private static final int IN_CHUNK = 500;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	/**
	 * Reads the export in pages: PostgreSQL streams with a cursor inside a read-only
	 * transaction.
	 */
	private final JdbcClient streaming;

	IncidentRepository(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
		this.jdbc = jdbc;
		this.template = template;
		JdbcTemplate paged = new JdbcTemplate(dataSource);
		paged.setFetchSize(500);
		this.streaming = JdbcClient.create(paged);
	}

	/**
	 * Creates the group row if it is new; a concurrent creator makes one of the two
	 * transactions retry.
	 */
	void ensureGroup(String groupId, String source, String groupKey, Instant now) {
		jdbc.sql("""
				INSERT INTO alert_group (group_id, source, group_key, created_at)
				SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM alert_group WHERE group_id = ?)""")
			.params(groupId, source, groupKey, time(now), groupId)
			.update();
	}

	/** Locks the group until the transaction ends and returns its current incident. */
	Optional<UUID> lockGroup(String groupId) {
		return jdbc.sql("SELECT current_incident_id FROM alert_group WHERE group_id = ? FOR UPDATE")
			.param(groupId)
			.query((rs, row) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
			.single();
	}

	void setCurrentIncident(String groupId, IncidentId incident) {
		jdbc.sql("UPDATE alert_group SET current_incident_id = ? WHERE group_id = ?")
			.params(incident.value(), groupId)
			.update();
	}

	Optional<StoredIncident> load(UUID id) {
		Optional<IncidentRow> row = jdbc.sql("SELECT * FROM incident WHERE id = ?")
			.param(id)
			.query(IncidentRepository::incidentRow)
			.optional();
		return row.map(r -> new StoredIncident(r, alerts(List.of(id)).getOrDefault(id, new LinkedHashMap<>())));
	}

	List<StoredIncident> loadOpen() {
		List<IncidentRow> rows = jdbc.sql("SELECT * FROM incident WHERE status = 'OPEN'")
			.query(IncidentRepository::incidentRow)
			.list();
		Map<UUID, LinkedHashMap<String, StoredAlert>> alerts = alerts(rows.stream().map(IncidentRow::id).toList());
		return rows.stream()
			.map(r -> new StoredIncident(r, alerts.getOrDefault(r.id(), new LinkedHashMap<>())))
			.toList();
	}

	void insertIncident(IncidentRow row) {
		jdbc.sql(
				"""
						INSERT INTO incident (id, group_id, group_key, source, channel, status, flapping, revision, group_labels,
						  external_url, opened_at, resolved_at, updated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(row.id(), row.groupId(), row.groupKey(), row.source(), row.channel(), row.status().name(),
					row.flapping(), row.revision(), json(row.groupLabels()), row.externalUrl(), time(row.openedAt()),
					time(row.resolvedAt()), time(row.updatedAt()))
			.update();
	}

	void updateIncident(IncidentRow row) {
		jdbc.sql("""
				UPDATE incident SET status = ?, flapping = ?, revision = ?, external_url = ?, resolved_at = ?,
				  updated_at = ? WHERE id = ?""")
			.params(row.status().name(), row.flapping(), row.revision(), row.externalUrl(), time(row.resolvedAt()),
					time(row.updatedAt()), row.id())
			.update();
	}

	void insertAlerts(UUID incident, List<StoredAlert> alerts, Instant now) {
		if (alerts.isEmpty()) {
			return;
		}
		List<Object[]> batch = new ArrayList<>(alerts.size());
		for (StoredAlert stored : alerts) {
			Alert a = stored.alert();
			batch.add(new Object[] { incident, a.fingerprint(), a.source(), a.status().name(), json(a.labels()),
					json(a.annotations()), time(a.startsAt()), time(a.endsAt()), a.generatorUrl(), stored.flapping(),
					time(now), time(now) });
		}
		template.batchUpdate("""
				INSERT INTO incident_alert (incident_id, fingerprint, source, status, labels, annotations, starts_at,
				  ends_at, generator_url, flapping, first_received_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch);
	}

	void updateAlerts(UUID incident, List<StoredAlert> alerts, Instant now) {
		if (alerts.isEmpty()) {
			return;
		}
		List<Object[]> batch = new ArrayList<>(alerts.size());
		for (StoredAlert stored : alerts) {
			Alert a = stored.alert();
			batch.add(new Object[] { a.status().name(), json(a.labels()), json(a.annotations()), time(a.startsAt()),
					time(a.endsAt()), a.generatorUrl(), stored.flapping(), time(now), incident, a.fingerprint() });
		}
		template.batchUpdate("""
				UPDATE incident_alert SET status = ?, labels = ?, annotations = ?, starts_at = ?, ends_at = ?,
				  generator_url = ?, flapping = ?, updated_at = ? WHERE incident_id = ? AND fingerprint = ?""", batch);
	}

	void insertHistory(List<HistoryEntry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		List<Object[]> batch = new ArrayList<>(entries.size());
		for (HistoryEntry e : entries) {
			Alert a = e.alert();
			batch.add(new Object[] { time(e.receivedAt()), a.source(), a.fingerprint(), a.status().name(),
					e.statusChanged(), json(a.labels()), json(a.annotations()), time(a.startsAt()), time(a.endsAt()),
					a.generatorUrl(), e.groupKey(), e.incident() == null ? null : e.incident().value() });
		}
		template.batchUpdate("""
				INSERT INTO alert_history (received_at, source, fingerprint, status, status_changed, labels,
				  annotations, starts_at, ends_at, generator_url, group_key, incident_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch);
	}

	/** How often each alert changed between firing and resolved since {@code since}. */
	Map<String, Integer> statusChangesSince(String source, List<String> fingerprints, Instant since) {
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < fingerprints.size(); i += IN_CHUNK) {
			List<String> chunk = fingerprints.subList(i, Math.min(fingerprints.size(), i + IN_CHUNK));
			String placeholders = String.join(",", Collections.nCopies(chunk.size(), "?"));
			List<Object> params = new ArrayList<>();
			params.add(source);
			params.add(time(since));
			params.addAll(chunk);
			jdbc.sql("SELECT fingerprint, COUNT(*) FROM alert_history WHERE source = ? AND status_changed = TRUE"
					+ " AND received_at >= ? AND fingerprint IN (" + placeholders + ") GROUP BY fingerprint")
				.params(params)
				.query((ResultSet rs) -> {
					counts.put(rs.getString(1), rs.getInt(2));
				});
		}
		return counts;
	}

	/** Streams the history received in {@code [from, to)}, oldest first. */
	void history(Instant from, Instant to, Consumer<HistoryEntry> sink) {
		streaming
			.sql("""
					SELECT received_at, source, fingerprint, status, status_changed, labels, annotations, starts_at, ends_at,
					  generator_url, group_key, incident_id
					FROM alert_history WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id""")
			.params(time(from), time(to))
			.query((ResultSet rs) -> {
				Alert alert = new Alert(rs.getString("source"), rs.getString("fingerprint"),
						AlertStatus.valueOf(rs.getString("status")), map(rs.getString("labels")),
						map(rs.getString("annotations")), instant(rs, "starts_at"), instant(rs, "ends_at"),
						rs.getString("generator_url"));
				UUID incident = rs.getObject("incident_id", UUID.class);
				sink.accept(new HistoryEntry(instant(rs, "received_at"), alert, rs.getBoolean("status_changed"),
						rs.getString("group_key"), incident == null ? null : new IncidentId(incident)));
			});
	}

	private Map<UUID, LinkedHashMap<String, StoredAlert>> alerts(List<UUID> incidents) {
		Map<UUID, LinkedHashMap<String, StoredAlert>> result = new HashMap<>();
		for (int i = 0; i < incidents.size(); i += IN_CHUNK) {
			List<UUID> chunk = incidents.subList(i, Math.min(incidents.size(), i + IN_CHUNK));
			String placeholders = String.join(",", Collections.nCopies(chunk.size(), "?"));
			jdbc.sql("SELECT * FROM incident_alert WHERE incident_id IN (" + placeholders
					+ ") ORDER BY first_received_at, starts_at, fingerprint")
				.params(new ArrayList<Object>(chunk))
				.query((ResultSet rs) -> {
					Alert alert = new Alert(rs.getString("source"), rs.getString("fingerprint"),
							AlertStatus.valueOf(rs.getString("status")), map(rs.getString("labels")),
							map(rs.getString("annotations")), instant(rs, "starts_at"), instant(rs, "ends_at"),
							rs.getString("generator_url"));
					result.computeIfAbsent(rs.getObject("incident_id", UUID.class), k -> new LinkedHashMap<>())
						.put(alert.fingerprint(), new StoredAlert(alert, rs.getBoolean("flapping")));
				});
		}
		return result;
	}

	private static IncidentRow incidentRow(ResultSet rs, int row) throws SQLException {
		return new IncidentRow(rs.getObject("id", UUID.class), rs.getString("group_id"), rs.getString("group_key"),
				rs.getString("source"), rs.getString("channel"), IncidentStatus.valueOf(rs.getString("status")),
				rs.getBoolean("flapping"), rs.getLong("revision"), map(rs.getString("group_labels")),
				rs.getString("external_url"), instant(rs, "opened_at"), instant(rs, "resolved_at"),
				instant(rs, "updated_at"));
	}

	private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static String json(Map<String, String> map) {
		return JSON.writeValueAsString(new TreeMap<>(map));
	}

	private static Map<String, String> map(String json) {
		return JSON.readValue(json, STRING_MAP);
	}

	/** An incident row as stored. */
	record IncidentRow(UUID id, String groupId, String groupKey, String source, String channel, IncidentStatus status,
			boolean flapping, long revision, Map<String, String> groupLabels, @Nullable String externalUrl,
			Instant openedAt, @Nullable Instant resolvedAt, Instant updatedAt) {
	}

	/** An alert of an incident, with its flapping mark. */
	record StoredAlert(Alert alert, boolean flapping) {
	}

	/** An incident row with its alerts by fingerprint, in arrival order. */
	record StoredIncident(IncidentRow row, LinkedHashMap<String, StoredAlert> alerts) {

		boolean open() {
			return row.status() == IncidentStatus.OPEN;
		}

		Incident toIncident() {
			return new Incident(new IncidentId(row.id()), row.groupKey(), row.channel(), row.status(),
					alerts.values().stream().map(StoredAlert::alert).toList(), row.flapping(), row.openedAt(),
					row.resolvedAt(), row.source(), row.groupLabels(), row.externalUrl(), row.revision());
		}
	}

	/** One line of the alert history. */
	record HistoryEntry(Instant receivedAt, Alert alert, boolean statusChanged, String groupKey,
			@Nullable IncidentId incident) {
	}

}
