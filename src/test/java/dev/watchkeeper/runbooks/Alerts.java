package dev.watchkeeper.runbooks;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.AlertStatus;
import java.time.Instant;
import java.util.Map;

/** Test fixtures: alerts as the alerts module hands them over. */
public final class Alerts {

	private static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");

	private Alerts() {
	}

	public static Alert firing(Map<String, String> labels, Map<String, String> annotations) {
		return new Alert("alertmanager", "fp-" + labels.hashCode(), AlertStatus.FIRING, labels, annotations, STARTED,
				null, null);
	}

	public static Alert firing(Map<String, String> labels) {
		return firing(labels, Map.of());
	}

	public static Alert resolved(Map<String, String> labels) {
		return new Alert("alertmanager", "fp-r-" + labels.hashCode(), AlertStatus.RESOLVED, labels, Map.of(), STARTED,
				STARTED.plusSeconds(600), null);
	}

	public static Alert crashLooping(String namespace, String pod) {
		return firing(
				Map.of("alertname", "KubePodCrashLooping", "namespace", namespace, "pod", pod, "container", "app",
						"severity", "warning"),
				Map.of("summary", "Pod is crash looping.", "description",
						"Pod " + namespace + "/" + pod + " (app) is in waiting state (reason: \"CrashLoopBackOff\")."));
	}

	public static Alert leakedLease(String leaseId) {
		return firing(
				Map.of("alertname", "CredentialLeaked", "severity", "critical", "namespace", "payments", "app",
						"checkout"),
				Map.of("summary", "A Vault database credential was pushed to a public repository", "lease_id", leaseId,
						"source", "github.com/acme/checkout commit 1a2b3c"));
	}

}
