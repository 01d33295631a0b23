package dev.watchkeeper.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One alert, normalized from Alertmanager or Grafana. Deduplicated by
 * {@code fingerprint}: a repeat with the same fingerprint updates the stored alert
 * instead of adding one.
 *
 * @param source where it came from, e.g. {@code alertmanager} or {@code grafana}
 * @param fingerprint stable identity of the alert (label set hash from the sender)
 * @param endsAt when it resolved, or the sender's expected end; null when unknown
 * @param generatorUrl link back to the rule or panel that fired; null when absent
 */
public record Alert(String source, String fingerprint, AlertStatus status, Map<String, String> labels,
		Map<String, String> annotations, Instant startsAt, @Nullable Instant endsAt, @Nullable String generatorUrl) {

	public Alert {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(fingerprint, "fingerprint");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(startsAt, "startsAt");
		labels = Map.copyOf(labels);
		annotations = Map.copyOf(annotations);
	}

	public String alertName() {
		return labels.getOrDefault("alertname", "");
	}

	public String label(String name) {
		return labels.getOrDefault(name, "");
	}

	public String annotation(String name) {
		return annotations.getOrDefault(name, "");
	}

	public boolean firing() {
		return status == AlertStatus.FIRING;
	}

	/** The {@code severity} label folded into {@link Severity}. */
	public Severity severity() {
		return Severity.parse(label("severity"));
	}

	/**
	 * Same alert in the same state, as in a re-delivery. The {@code endsAt} of a firing
	 * alert is ignored: senders move it forward on every repeat, which is not a change
	 * anyone needs to see.
	 */
	public boolean sameStateAs(Alert other) {
		return status == other.status && labels.equals(other.labels) && annotations.equals(other.annotations)
				&& startsAt.equals(other.startsAt) && Objects.equals(generatorUrl, other.generatorUrl)
				&& (firing() || Objects.equals(endsAt, other.endsAt));
	}
}
