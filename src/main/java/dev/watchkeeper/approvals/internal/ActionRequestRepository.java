package dev.watchkeeper.approvals.internal;

import dev.watchkeeper.actions.ActionParams;
import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.ActionRequestId;
import dev.watchkeeper.approvals.Approval;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.approvals.RequestState;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.core.SlackUserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Stores action requests. Every change is a compare-and-set on
 * {@code (id, state, version)}: of two replicas or two threads changing the same request,
 * exactly one update matches a row.
 */
@Repository
public class ActionRequestRepository {

	private static final TypeReference<TreeMap<String, String>> PARAMS = new TypeReference<>() {
	};

	private static final String COLUMNS = "id, action_type, tier, params, preview, binding, requester, incident_id,"
			+ " reason, channel_id, thread_ts, state, version, created_at, expires_at, decided_at, closed_by, note,"
			+ " execution_started_at, finished_at, outcome";

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	public ActionRequestRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void insert(ActionRequest request) {
		Conversation conversation = request.conversation();
		jdbc.sql("INSERT INTO action_request (" + COLUMNS + ") VALUES (:id, :type, :tier, :params, :preview, :binding,"
				+ " :requester, :incident, :reason, :channel, :thread, :state, :version, :created, :expires, :decided,"
				+ " :closedBy, :note, :started, :finished, :outcome)")
			.param("id", request.id().value())
			.param("type", request.actionType())
			.param("tier", request.tier().name())
			.param("params", json.writeValueAsString(request.params().values()))
			.param("preview", request.preview())
			.param("binding", request.binding())
			.param("requester", request.requester().value())
			.param("incident",
					request.incidentId() == null ? new SqlParameterValue(Types.OTHER, null)
							: request.incidentId().value())
			.param("reason", request.reason())
			.param("channel", conversation == null ? null : conversation.channelId(), Types.VARCHAR)
			.param("thread", conversation == null ? null : conversation.threadTs(), Types.VARCHAR)
			.param("state", request.state().name())
			.param("version", request.version())
			.param("created", time(request.createdAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("expires", time(request.expiresAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("decided", time(request.decidedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("closedBy", request.closedBy() == null ? null : request.closedBy().value(), Types.VARCHAR)
			.param("note", request.note(), Types.VARCHAR)
			.param("started", time(request.executionStartedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("finished", time(request.finishedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("outcome", request.outcome(), Types.VARCHAR)
			.update();
		insertApprovals(request.id(), request.approvals());
	}

	/**
	 * Stores {@code next} only if the row still is exactly {@code expected} (same state
	 * and version).
	 * @return false when someone else changed the request first; nothing was written then
	 */
	public boolean compareAndSet(ActionRequest expected, ActionRequest next) {
		if (!expected.id().equals(next.id()) || next.version() != expected.version() + 1) {
			throw new IllegalArgumentException("next must be the successor of expected");
		}
		int rows = jdbc
			.sql("UPDATE action_request SET state = :state, version = :version, decided_at = :decided,"
					+ " closed_by = :closedBy, note = :note, execution_started_at = :started, finished_at = :finished,"
					+ " outcome = :outcome WHERE id = :id AND state = :expectedState AND version = :expectedVersion")
			.param("state", next.state().name())
			.param("version", next.version())
			.param("decided", time(next.decidedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("closedBy", next.closedBy() == null ? null : next.closedBy().value(), Types.VARCHAR)
			.param("note", next.note(), Types.VARCHAR)
			.param("started", time(next.executionStartedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("finished", time(next.finishedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("outcome", next.outcome(), Types.VARCHAR)
			.param("id", expected.id().value())
			.param("expectedState", expected.state().name())
			.param("expectedVersion", expected.version())
			.update();
		if (rows != 1) {
			return false;
		}
		Set<SlackUserId> known = expected.approvals().stream().map(Approval::approver).collect(Collectors.toSet());
		insertApprovals(next.id(), next.approvals().stream().filter(a -> !known.contains(a.approver())).toList());
		return true;
	}

	public Optional<ActionRequest> find(ActionRequestId id) {
		List<ActionRequest> found = withApprovals(jdbc.sql("SELECT " + COLUMNS + " FROM action_request WHERE id = :id")
			.param("id", id.value())
			.query(this::mapRow)
			.list());
		return found.stream().findFirst();
	}

	/** Requests in any of these states, oldest first, at most {@code limit}. */
	public List<ActionRequest> findInStates(Collection<RequestState> states, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be positive");
		}
		return withApprovals(jdbc
			.sql("SELECT " + COLUMNS + " FROM action_request WHERE state IN (:states) ORDER BY created_at, id"
					+ " FETCH FIRST " + limit + " ROWS ONLY")
			.param("states", states.stream().map(Enum::name).toList())
			.query(this::mapRow)
			.list());
	}

	/** PENDING requests whose expiry time has passed. */
	public List<ActionRequestId> findExpiredPending(Instant now, int limit) {
		return jdbc
			.sql("SELECT id FROM action_request WHERE state = 'PENDING' AND expires_at <= :now ORDER BY expires_at"
					+ " FETCH FIRST " + limit + " ROWS ONLY")
			.param("now", time(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.query((rs, i) -> new ActionRequestId(rs.getObject(1, UUID.class)))
			.list();
	}

	private void insertApprovals(ActionRequestId id, List<Approval> approvals) {
		for (Approval approval : approvals) {
			jdbc.sql("INSERT INTO action_approval (request_id, approver, approved_at) VALUES (:id, :approver, :at)")
				.param("id", id.value())
				.param("approver", approval.approver().value())
				.param("at", time(approval.at()), Types.TIMESTAMP_WITH_TIMEZONE)
				.update();
		}
	}

	private List<ActionRequest> withApprovals(List<ActionRequest> requests) {
		if (requests.isEmpty()) {
			return requests;
		}
		Map<UUID, List<Approval>> byRequest = new HashMap<>();
		jdbc.sql("SELECT request_id, approver, approved_at FROM action_approval WHERE request_id IN (:ids)"
				+ " ORDER BY approved_at, approver")
			.param("ids", requests.stream().map(r -> r.id().value()).toList())
			.query((ResultSet rs) -> {
				byRequest.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new Approval(new SlackUserId(rs.getString(2)), instant(rs, 3)));
			});
		return requests.stream()
			.map(r -> new ActionRequest(r.id(), r.actionType(), r.tier(), r.params(), r.preview(), r.binding(),
					r.requester(), r.incidentId(), r.reason(), r.conversation(), r.state(),
					byRequest.getOrDefault(r.id().value(), List.of()), r.createdAt(), r.expiresAt(), r.decidedAt(),
					r.closedBy(), r.note(), r.executionStartedAt(), r.finishedAt(), r.outcome(), r.version()))
			.toList();
	}

	private ActionRequest mapRow(ResultSet rs, int rowNum) throws SQLException {
		UUID incident = rs.getObject("incident_id", UUID.class);
		String channel = rs.getString("channel_id");
		String closedBy = rs.getString("closed_by");
		return new ActionRequest(new ActionRequestId(rs.getObject("id", UUID.class)), rs.getString("action_type"),
				RiskTier.valueOf(rs.getString("tier")),
				new ActionParams(json.readValue(rs.getString("params"), PARAMS)), rs.getString("preview"),
				rs.getString("binding"), new SlackUserId(rs.getString("requester")),
				incident == null ? null : new IncidentId(incident), rs.getString("reason"),
				channel == null ? null : new Conversation(channel, rs.getString("thread_ts")),
				RequestState.valueOf(rs.getString("state")), List.of(), instant(rs, "created_at"),
				instant(rs, "expires_at"), instant(rs, "decided_at"),
				closedBy == null ? null : new SlackUserId(closedBy), rs.getString("note"),
				instant(rs, "execution_started_at"), instant(rs, "finished_at"), rs.getString("outcome"),
				rs.getInt("version"));
	}

	private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
