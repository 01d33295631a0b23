package dev.watchkeeper.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.redaction.Redactor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlainTextSummaryTests {

	@Test
	void rendersWhatIsBrokenHowBadlySinceWhenAndWhere() {
		IncidentSummary summary = new Summarizer(Redactor.standard()).summarize(
				TestIncidents.fromFixture("alertmanager-partially-resolved.json"),
				Instant.parse("2026-12-01T03:20:00Z"));

		assertThat(PlainTextSummary.render(summary)).isEqualTo(
				"""
						[FIRING] KubePodCrashLooping
						Severity: critical   Alerts: 1 firing, 1 resolved
						Started:  2026-12-01T03:13:30Z   (for 6m)
						Affected service (1): checkout
						Affected instance (1): 10.2.3.5:8080
						Common labels: alertname=KubePodCrashLooping, cluster=prod-eu-1, namespace=checkout, service=checkout, severity=critical
						Differing labels:
						  instance: 10.2.3.4:8080, 10.2.3.5:8080
						  pod: checkout-7d9f-abcde, checkout-7d9f-fghij
						Alerts:
						  [firing]   CRITICAL KubePodCrashLooping on 10.2.3.5:8080 — Pod checkout/checkout-7d9f-fghij is crash looping
						  [resolved] CRITICAL KubePodCrashLooping on 10.2.3.4:8080 — Pod checkout/checkout-7d9f-abcde is crash looping
						Links:
						  Source: http://prometheus.example.com:9090/graph?g0.expr=rate%28kube_pod_container_status_restarts_total%5B5m%5D%29+%3E+0
						  Runbook: https://runbooks.example.com/KubePodCrashLooping
						  Silence: http://alertmanager.example.com:9093/#/silences/new?filter=%7Balertname%3D%22KubePodCrashLooping%22%2Ccluster%3D%22prod-eu-1%22%2Cnamespace%3D%22checkout%22%7D
						""");
	}

}
