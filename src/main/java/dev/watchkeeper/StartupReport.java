package dev.watchkeeper;

import dev.watchkeeper.core.FeatureReport;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Logs which features are on and off once the application is ready. */
@Component
class StartupReport {

	private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

	private final ObjectProvider<FeatureReport> reports;

	StartupReport(ObjectProvider<FeatureReport> reports) {
		this.reports = reports;
	}

	@EventListener(ApplicationReadyEvent.class)
	void report() {
		List<FeatureReport.Feature> features = reports.orderedStream().flatMap(r -> r.features().stream()).toList();
		for (FeatureReport.Feature feature : features) {
			if (feature.enabled()) {
				log.info("feature on:  {}", feature.name());
			}
			else {
				log.info("feature off: {} (to enable: {})", feature.name(), feature.howToEnable());
			}
		}
	}

}
