package dev.watchkeeper.summary;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.AlertBatch;
import dev.watchkeeper.alerts.AlertHooks;
import dev.watchkeeper.alerts.AlertPayloads;
import dev.watchkeeper.alerts.AlertStatus;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.IncidentStatus;
import dev.watchkeeper.core.IncidentId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Incidents for summary and rendering tests, from the captured payloads or built in code.
 */
public final class TestIncidents {

	public static final IncidentId ID = new IncidentId(UUID.fromString("6f1c1b7e-9a57-4c8e-9d7a-3c1f0b7f2a10"));

	private TestIncidents() {
	}

	public static Incident fromFixture(String name) {
		AlertBatch batch = AlertPayloads.parse(
				new ByteArrayInputStream(AlertHooks.fixture(name).getBytes(StandardCharsets.UTF_8)), null,
				Long.MAX_VALUE, Instant.parse("2026-12-01T03:14:00Z"));
		return of(batch.source(), batch.alerts(), batch.groupLabels(), batch.externalUrl());
	}

	public static Incident of(String source, List<Alert> alerts, Map<String, String> groupLabels, String externalUrl) {
		boolean open = alerts.stream().anyMatch(Alert::firing);
		Instant opened = alerts.stream().map(Alert::startsAt).min(Comparator.naturalOrder()).orElseThrow();
		Instant resolved = open ? null
				: alerts.stream()
					.map(Alert::endsAt)
					.filter(Objects::nonNull)
					.max(Comparator.naturalOrder())
					.orElseThrow();
		return new Incident(ID, "{}:{test}", "C0TEST", open ? IncidentStatus.OPEN : IncidentStatus.RESOLVED, alerts,
				false, opened, resolved, source, groupLabels, externalUrl, 3);
	}

	/**
	 * A storm group: {@code count} crash-looping pods across 40 services, a few of them
	 * resolved.
	 */
	public static Incident storm(int count) {
		List<Alert> alerts = new ArrayList<>();
		Instant start = Instant.parse("2026-12-01T02:00:00Z");
		for (int i = 0; i < count; i++) {
			Map<String, String> labels = new LinkedHashMap<>();
			labels.put("alertname", "KubePodCrashLooping");
			labels.put("cluster", "prod-eu-1");
			labels.put("namespace", "shop");
			labels.put("service", "svc-" + (i % 40));
			labels.put("pod", "svc-" + (i % 40) + "-" + Integer.toHexString(100_000 + i));
			labels.put("severity", i % 50 == 1 ? "critical" : "warning");
			boolean firing = i % 10 != 0;
			alerts.add(new Alert("alertmanager", String.format("%016x", i),
					firing ? AlertStatus.FIRING : AlertStatus.RESOLVED, labels,
					Map.of("summary", "Pod " + labels.get("pod") + " is crash looping", "description",
							"Restarted 5 times in 10 minutes."),
					start.plusSeconds(i), firing ? null : start.plusSeconds(i + 600),
					"http://prometheus.example.com:9090/graph?g0.expr=kube_pod_restarts"));
		}
		return of("alertmanager", alerts, Map.of("alertname", "KubePodCrashLooping", "namespace", "shop"),
				"http://alertmanager.example.com:9093");
	}

}
