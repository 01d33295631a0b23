package dev.watchkeeper.alerts;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One webhook delivery, normalized: the alerts of one sender's notification with the
 * group context it came with.
 *
 * @param source {@code alertmanager} or {@code grafana}
 * @param groupKey the sender's group key; null when it sent none (alerts are then grouped
 * by label)
 * @param externalUrl the sender's own URL, base of silence links; null when absent
 * @param truncatedAlerts alerts the sender left out because of its own size limit
 */
public record AlertBatch(String source, String receiver, AlertStatus status, @Nullable String groupKey,
		Map<String, String> groupLabels, Map<String, String> commonLabels, Map<String, String> commonAnnotations,
		@Nullable String externalUrl, List<Alert> alerts, int truncatedAlerts) {

	public AlertBatch {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(receiver, "receiver");
		Objects.requireNonNull(status, "status");
		groupLabels = Map.copyOf(groupLabels);
		commonLabels = Map.copyOf(commonLabels);
		commonAnnotations = Map.copyOf(commonAnnotations);
		alerts = List.copyOf(alerts);
	}
}
