package dev.watchkeeper.alerts.internal;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.AlertBatch;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.IncidentOpened;
import dev.watchkeeper.alerts.IncidentResolved;
import dev.watchkeeper.alerts.IncidentStatus;
import dev.watchkeeper.alerts.IncidentUpdated;
import dev.watchkeeper.alerts.Severity;
import dev.watchkeeper.alerts.internal.IncidentRepository.HistoryEntry;
import dev.watchkeeper.alerts.internal.IncidentRepository.IncidentRow;
import dev.watchkeeper.alerts.internal.IncidentRepository.StoredAlert;
import dev.watchkeeper.alerts.internal.IncidentRepository.StoredIncident;
import dev.watchkeeper.core.IncidentId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores one webhook delivery: deduplicates alerts by fingerprint, groups them into
 * incidents (opening, updating, resolving or reopening), and publishes what changed as
 * events in the same transaction. An identical re-delivery changes nothing and publishes
 * nothing.
 */
@Service
public class AlertIntake {

	/**
	 * Events list at most this many new critical fingerprints; the count covers the rest.
	 */
	private static final int MAX_LISTED_CRITICAL = 20;

	private final IncidentRepository repository;

	private final ChannelRouter router;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final List<String> groupBy;

	private final ReopenPolicy reopenPolicy;

	private final FlappingPolicy flappingPolicy;

	AlertIntake(IncidentRepository repository, ChannelRouter router, ApplicationEventPublisher events, Clock clock,
			AlertsProperties properties) {
		this.repository = repository;
		this.router = router;
		this.events = events;
		this.clock = clock;
		this.groupBy = properties.groupBy();
		this.reopenPolicy = new ReopenPolicy(properties.reopenWindow());
		this.flappingPolicy = new FlappingPolicy(properties.flapping().maxChanges(), properties.flapping().window());
	}

	/** What one delivery did. */
	public record Result(int alerts, List<IncidentId> incidents) {
	}

	@Transactional
	public Result receive(AlertBatch batch) {
		Instant now = clock.instant();
		List<IncidentId> touched = new ArrayList<>();
		// lock groups in a fixed order so two deliveries spanning the same groups cannot
		// deadlock
		for (Group group : groups(batch).values().stream().sorted(Comparator.comparing(Group::groupId)).toList()) {
			IncidentId incident = apply(batch, group, now);
			if (incident != null) {
				touched.add(incident);
			}
		}
		return new Result(batch.alerts().size(), touched);
	}

	private @Nullable IncidentId apply(AlertBatch batch, Group group, Instant now) {
		repository.ensureGroup(group.groupId(), batch.source(), group.groupKey(), now);
		StoredIncident current = repository.lockGroup(group.groupId()).flatMap(repository::load).orElse(null);
		boolean anyFiring = group.alerts().values().stream().anyMatch(Alert::firing);

		StoredIncident target;
		boolean opened = false;
		boolean reopened = false;
		if (current != null && (current.open() || !anyFiring)) {
			target = current;
		}
		else if (current != null && reopenPolicy.reopens(current.row().resolvedAt(), now)) {
			target = current;
			reopened = true;
		}
		else if (anyFiring) {
			target = newIncident(batch, group, now);
			opened = true;
		}
		else {
			// resolved alerts of a group we never saw fire: keep them for the auditors,
			// announce nothing
			repository.insertHistory(group.alerts()
				.values()
				.stream()
				.map(a -> new HistoryEntry(now, a, false, group.groupKey(), null))
				.toList());
			return null;
		}

		// alerts known from the previous incident of the group count for flapping when a
		// new one opens
		Map<String, StoredAlert> known = new HashMap<>();
		if (opened && current != null) {
			known.putAll(current.alerts());
		}
		known.putAll(target.alerts());

		List<Alert> added = new ArrayList<>();
		List<Alert> changed = new ArrayList<>();
		List<String> statusChanged = new ArrayList<>();
		List<String> newCritical = new ArrayList<>();
		for (Alert alert : group.alerts().values()) {
			StoredAlert before = known.get(alert.fingerprint());
			boolean inTarget = target.alerts().containsKey(alert.fingerprint());
			if (inTarget && before.alert().sameStateAs(alert)) {
				continue;
			}
			(inTarget ? changed : added).add(alert);
			boolean flipped = before != null && before.alert().status() != alert.status();
			if (flipped) {
				statusChanged.add(alert.fingerprint());
			}
			if (alert.firing() && alert.severity() == Severity.CRITICAL && (before == null || flipped)) {
				newCritical.add(alert.fingerprint());
			}
		}
		if (added.isEmpty() && changed.isEmpty() && !opened) {
			return null; // identical re-delivery: nothing to store, nothing to announce
		}

		Map<String, Boolean> flapping = flapping(batch.source(), target, statusChanged, now);
		LinkedHashMap<String, StoredAlert> merged = new LinkedHashMap<>(target.alerts());
		merged.replaceAll((fingerprint, stored) -> new StoredAlert(stored.alert(),
				flapping.getOrDefault(fingerprint, stored.flapping())));
		List<StoredAlert> toInsert = added.stream()
			.map(a -> new StoredAlert(a, flapping.getOrDefault(a.fingerprint(), false)))
			.toList();
		List<StoredAlert> toUpdate = changed.stream()
			.map(a -> new StoredAlert(a, flapping.getOrDefault(a.fingerprint(), false)))
			.toList();
		toInsert.forEach(s -> merged.put(s.alert().fingerprint(), s));
		toUpdate.forEach(s -> merged.put(s.alert().fingerprint(), s));

		IncidentRow before = target.row();
		boolean open = merged.values().stream().anyMatch(s -> s.alert().firing());
		boolean incidentFlapping = merged.values().stream().anyMatch(StoredAlert::flapping);
		Instant resolvedAt = open ? null
				: (before.resolvedAt() != null && !reopened ? before.resolvedAt() : resolutionTime(merged, now));
		IncidentRow after = new IncidentRow(before.id(), before.groupId(), before.groupKey(), before.source(),
				before.channel(), open ? IncidentStatus.OPEN : IncidentStatus.RESOLVED, incidentFlapping,
				before.revision() + 1, before.groupLabels(),
				batch.externalUrl() != null ? batch.externalUrl() : before.externalUrl(), before.openedAt(), resolvedAt,
				now);

		if (opened) {
			repository.insertIncident(after);
			repository.setCurrentIncident(group.groupId(), new IncidentId(after.id()));
		}
		else {
			repository.updateIncident(after);
		}
		List<StoredAlert> flagChanges = merged.values()
			.stream()
			.filter(s -> target.alerts().containsKey(s.alert().fingerprint()))
			.filter(s -> s.flapping() != target.alerts().get(s.alert().fingerprint()).flapping())
			.filter(s -> !changed.contains(s.alert()))
			.toList();
		repository.insertAlerts(after.id(), toInsert, now);
		repository.updateAlerts(after.id(), concat(toUpdate, flagChanges), now);
		List<HistoryEntry> history = new ArrayList<>();
		IncidentId incidentId = new IncidentId(after.id());
		for (Alert alert : concatAlerts(added, changed)) {
			history.add(new HistoryEntry(now, alert, statusChanged.contains(alert.fingerprint()), group.groupKey(),
					incidentId));
		}
		repository.insertHistory(history);

		publish(new StoredIncident(after, merged).toIncident(), before, opened, reopened, newCritical, now);
		return incidentId;
	}

	private void publish(Incident incident, IncidentRow before, boolean opened, boolean reopened,
			List<String> newCritical, Instant now) {
		if (opened) {
			events.publishEvent(new IncidentOpened(UUID.randomUUID(), incident.id(), incident.channel(),
					incident.groupKey(), incident.severity(), (int) incident.firingCount(), incident.revision(), now));
		}
		else if (before.status() == IncidentStatus.OPEN && !incident.open()) {
			events.publishEvent(new IncidentResolved(UUID.randomUUID(), incident.id(), incident.channel(),
					incident.duration(now), incident.flapping(), incident.revision(), now));
		}
		else {
			events.publishEvent(new IncidentUpdated(UUID.randomUUID(), incident.id(), incident.channel(),
					incident.revision(), newCritical.subList(0, Math.min(MAX_LISTED_CRITICAL, newCritical.size())),
					newCritical.size(), reopened, incident.flapping(), now));
		}
	}

	/**
	 * Flapping marks for alerts that flipped now and for alerts already marked (which may
	 * have calmed down). Counts the flips in the window from the history, plus the flip
	 * being stored now.
	 */
	private Map<String, Boolean> flapping(String source, StoredIncident target, List<String> flipped, Instant now) {
		List<String> check = new ArrayList<>(flipped);
		target.alerts()
			.values()
			.stream()
			.filter(StoredAlert::flapping)
			.map(s -> s.alert().fingerprint())
			.filter(f -> !flipped.contains(f))
			.forEach(check::add);
		if (check.isEmpty()) {
			return Map.of();
		}
		Map<String, Integer> counts = repository.statusChangesSince(source, check, flappingPolicy.windowStart(now));
		Map<String, Boolean> marks = new HashMap<>();
		for (String fingerprint : check) {
			int changes = counts.getOrDefault(fingerprint, 0) + (flipped.contains(fingerprint) ? 1 : 0);
			marks.put(fingerprint, flappingPolicy.flapping(changes));
		}
		return marks;
	}

	private StoredIncident newIncident(AlertBatch batch, Group group, Instant now) {
		Map<String, String> common = commonLabels(group.alerts().values());
		String channel = router.route(common);
		IncidentRow row = new IncidentRow(UUID.randomUUID(), group.groupId(), group.groupKey(), batch.source(), channel,
				IncidentStatus.OPEN, false, 0, group.groupLabels(), batch.externalUrl(), now, null, now);
		return new StoredIncident(row, new LinkedHashMap<>());
	}

	/**
	 * When the last alert ended, as the sender says; the receive time when it does not
	 * say.
	 */
	private static Instant resolutionTime(Map<String, StoredAlert> alerts, Instant now) {
		return alerts.values()
			.stream()
			.map(s -> s.alert().endsAt())
			.filter(Objects::nonNull)
			.filter(end -> !end.isAfter(now))
			.max(Comparator.naturalOrder())
			.orElse(now);
	}

	/**
	 * Splits a delivery into groups: the sender's group key when it has one
	 * (Alertmanager, Grafana), otherwise the configured group-by labels.
	 */
	Map<String, Group> groups(AlertBatch batch) {
		Map<String, Group> groups = new LinkedHashMap<>();
		for (Alert alert : batch.alerts()) {
			String groupKey;
			Map<String, String> groupLabels;
			if (batch.groupKey() != null) {
				groupKey = batch.groupKey();
				groupLabels = batch.groupLabels();
			}
			else {
				groupLabels = new TreeMap<>();
				for (String name : groupBy) {
					if (!alert.label(name).isEmpty()) {
						groupLabels.put(name, alert.label(name));
					}
				}
				groupKey = labelSetText(groupLabels);
			}
			String id = groupId(batch.source(), groupKey);
			Map<String, String> labels = groupLabels;
			String key = groupKey;
			// the same fingerprint twice in one delivery: the later one wins
			groups.computeIfAbsent(id, k -> new Group(id, key, labels, new LinkedHashMap<>()))
				.alerts()
				.put(alert.fingerprint(), alert);
		}
		return groups;
	}

	static String groupId(String source, String groupKey) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest((source + "\n" + groupKey).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 unavailable", ex);
		}
	}

	private static String labelSetText(Map<String, String> labels) {
		StringBuilder text = new StringBuilder("{");
		labels.forEach((name, value) -> {
			if (text.length() > 1) {
				text.append(", ");
			}
			text.append(name).append("=\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		});
		return text.append('}').toString();
	}

	static Map<String, String> commonLabels(Collection<Alert> alerts) {
		Map<String, String> common = null;
		for (Alert alert : alerts) {
			if (common == null) {
				common = new TreeMap<>(alert.labels());
			}
			else {
				common.entrySet().removeIf(e -> !e.getValue().equals(alert.labels().get(e.getKey())));
			}
		}
		return common == null ? Map.of() : common;
	}

	private static <T> List<T> concat(List<T> a, List<T> b) {
		List<T> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private static List<Alert> concatAlerts(List<Alert> a, List<Alert> b) {
		return concat(a, b);
	}

	/** The alerts of one delivery that belong to one group, by fingerprint. */
	record Group(String groupId, String groupKey, Map<String, String> groupLabels,
			LinkedHashMap<String, Alert> alerts) {
	}

}
