package dev.watchkeeper.alerts.internal;

import dev.watchkeeper.core.FeatureReport;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Tells the start-up report whether alert intake, routing and the export are on. */
@Component
class AlertsFeatures implements FeatureReport {

	private final AlertsProperties properties;

	private final boolean exportEnabled;

	AlertsFeatures(AlertsProperties properties, @Value("${watchkeeper.audit.reviewer-token:}") String reviewerToken) {
		this.properties = properties;
		this.exportEnabled = !reviewerToken.isBlank();
	}

	@Override
	public List<Feature> features() {
		return List.of(
				new Feature("Alert webhooks (POST /hooks/alertmanager, /hooks/grafana)", properties.webhooksEnabled(),
						"set WATCHKEEPER_WEBHOOK_TOKEN"),
				new Feature("Default alert channel", properties.defaultChannel() != null,
						"set WATCHKEEPER_ALERTS_DEFAULT_CHANNEL (incidents no route matches are not posted)"),
				new Feature("Alert export (GET /api/alerts/export)", exportEnabled,
						"set WATCHKEEPER_AUDIT_REVIEWER_TOKEN"));
	}

}
