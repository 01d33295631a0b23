package dev.watchkeeper.summary.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.AlertStatus;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.IncidentStatus;
import dev.watchkeeper.core.IncidentId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The facts an AI summary is built from come straight from the stored incident. */
class IncidentFactsTests {

	private final Instant now = Instant.parse("2026-12-01T10:00:00Z");

	@Test
	void factsCarryCountsCommonLabelsAndFiringAlertsFirst() {
		Alert resolved = alert("b", AlertStatus.RESOLVED, "DiskFull", now.minusSeconds(900), now.minusSeconds(60));
		Alert firing = alert("a", AlertStatus.FIRING, "ApiDown", now.minusSeconds(600), null);
		Incident incident = new Incident(new IncidentId(UUID.randomUUID()), "group", "C0ROOM", IncidentStatus.OPEN,
				List.of(resolved, firing), false, now.minusSeconds(900), null);

		IncidentFacts facts = IncidentFacts.from(incident, now);

		assertThat(facts.firing()).isEqualTo(1);
		assertThat(facts.resolved()).isEqualTo(1);
		assertThat(facts.status()).isEqualTo("open");
		assertThat(facts.title()).isEqualTo("checkout is broken");
		assertThat(facts.commonLabels()).containsEntry("namespace", "shop").doesNotContainKey("alertname");
		assertThat(facts.alerts()).extracting(IncidentFacts.AlertFact::status).containsExactly("firing", "resolved");
		assertThat(facts.timeline()).extracting(IncidentFacts.TimelineEntry::what)
			.contains("alert DiskFull resolved", "alert ApiDown started firing");
		assertThat(facts.timeline()).extracting(IncidentFacts.TimelineEntry::at).isSorted();
	}

	private static Alert alert(String fingerprint, AlertStatus status, String name, Instant start, Instant end) {
		return new Alert("alertmanager", fingerprint, status, Map.of("alertname", name, "namespace", "shop"),
				Map.of("summary", "checkout is broken"), start, end, null);
	}

}
