package dev.watchkeeper.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.AlertStatus;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.IncidentStatus;
import dev.watchkeeper.alerts.Severity;
import dev.watchkeeper.redaction.Redacted;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.summary.IncidentSummary.Link;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummarizerTests {

	private static final Instant NOW = Instant.parse("2026-12-01T03:55:30Z");

	private final Summarizer summarizer = new Summarizer(Redactor.standard());

	@Test
	void summarizesTheCapturedAlertmanagerGroup() {
		IncidentSummary summary = summarizer.summarize(TestIncidents.fromFixture("alertmanager-firing.json"), NOW);

		assertThat(summary.title()).as("no common summary annotation: the common alert name")
			.isEqualTo("KubePodCrashLooping");
		assertThat(summary.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(summary.status()).isEqualTo(IncidentStatus.OPEN);
		assertThat(summary.firing()).isEqualTo(2);
		assertThat(summary.resolved()).isZero();
		assertThat(summary.affected()).extracting(IncidentSummary.Affected::label)
			.containsExactly("service", "instance");
		assertThat(summary.affected().get(1).values()).containsExactly("10.2.3.4:8080", "10.2.3.5:8080");
		assertThat(summary.commonLabels()).containsOnlyKeys("alertname", "cluster", "namespace", "service", "severity");
		assertThat(summary.differingLabels()).extracting(IncidentSummary.LabelSpread::name)
			.containsExactly("instance", "pod");
		assertThat(summary.startedAt()).isEqualTo(Instant.parse("2026-12-01T03:13:30Z"));
		assertThat(summary.duration()).isEqualTo(Duration.ofMinutes(42));
		assertThat(summary.links()).containsExactly(new Link("Source",
				"http://prometheus.example.com:9090/graph?g0.expr=rate%28kube_pod_container_status_restarts_total%5B5m%5D%29+%3E+0"),
				new Link("Runbook", "https://runbooks.example.com/KubePodCrashLooping"),
				new Link("Silence", "http://alertmanager.example.com:9093/#/silences/new?filter="
						+ "%7Balertname%3D%22KubePodCrashLooping%22%2Ccluster%3D%22prod-eu-1%22%2Cnamespace%3D%22checkout%22%7D"));
		assertThat(summary.alerts()).hasSize(2)
			.allSatisfy(line -> assertThat(line.subject()).startsWith("10.2.3."))
			.first()
			.satisfies(line -> assertThat(line.text()).startsWith("Pod checkout/"));
	}

	@Test
	void summarizesTheGrafanaGroupWithAGrafanaSilenceLink() {
		IncidentSummary summary = summarizer.summarize(TestIncidents.fromFixture("grafana-firing.json"), NOW);

		assertThat(summary.title()).isEqualTo("DiskAlmostFull");
		assertThat(summary.description()).isEqualTo("The /var/lib/postgresql volume passes 90%.");
		assertThat(summary.severity()).isEqualTo(Severity.WARNING);
		assertThat(summary.links()).extracting(Link::label).containsExactly("Source", "Runbook", "Silence");
		assertThat(summary.links().get(2).url()).isEqualTo("https://grafana.example.com/alerting/silence/new"
				+ "?alertmanager=grafana&matcher=alertname%3DDiskAlmostFull&matcher=grafana_folder%3DStorage");
		assertThat(summary.affected()).singleElement().satisfies(a -> {
			assertThat(a.label()).isEqualTo("host");
			assertThat(a.values()).containsExactly("db-01", "db-02");
		});
	}

	@Test
	void aSummaryAnnotationSharedByAllAlertsIsTheTitle() {
		Instant start = Instant.parse("2026-12-01T03:00:00Z");
		List<Alert> alerts = List.of(
				new Alert("alertmanager", "f1", AlertStatus.FIRING, Map.of("alertname", "A", "instance", "a"),
						Map.of("summary", "Checkout is failing"), start, null, null),
				new Alert("alertmanager", "f2", AlertStatus.FIRING, Map.of("alertname", "B", "instance", "b"),
						Map.of("summary", "Checkout is failing"), start, null, null));

		IncidentSummary summary = summarizer.summarize(TestIncidents.of("alertmanager", alerts, Map.of(), null), NOW);

		assertThat(summary.title()).isEqualTo("Checkout is failing");
		assertThat(summary.alerts()).extracting(IncidentSummary.AlertLine::text).containsOnly("");
	}

	@Test
	void aResolvedIncidentLastsUntilItsLastAlertEnded() {
		Incident incident = TestIncidents.fromFixture("alertmanager-resolved.json");

		IncidentSummary summary = summarizer.summarize(incident, NOW);

		assertThat(summary.status()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(summary.resolvedAt()).isEqualTo(Instant.parse("2026-12-01T03:13:51Z"));
		assertThat(summary.duration()).isEqualTo(Duration.ofSeconds(21));
	}

	@Test
	void namesTheTopTenAndCountsTheRest() {
		IncidentSummary summary = summarizer.summarize(TestIncidents.storm(1_000), NOW);

		assertThat(summary.firing()).isEqualTo(900);
		assertThat(summary.resolved()).isEqualTo(100);
		assertThat(summary.severity()).isEqualTo(Severity.CRITICAL);
		IncidentSummary.Affected services = summary.affected().get(0);
		assertThat(services.label()).isEqualTo("service");
		assertThat(services.values()).hasSize(10);
		assertThat(services.more()).as("36 services still fire").isEqualTo(26);
		assertThat(summary.alerts()).hasSize(Summarizer.DEFAULT_ALERT_LINES);
		assertThat(summary.alertsMore()).isEqualTo(980);
		assertThat(summary.alerts().get(0).status()).isEqualTo(AlertStatus.FIRING);
		assertThat(summary.alerts().get(0).severity()).as("most severe first").isEqualTo(Severity.CRITICAL);
		assertThat(summary.differingLabels()).extracting(IncidentSummary.LabelSpread::name)
			.containsExactly("pod", "service", "severity");
		assertThat(summary.differingLabels().get(0).more()).isEqualTo(995);
	}

	@Test
	void everyStringFromAnAlertPassesThroughTheRedactor() {
		Redactor redactor = mock(Redactor.class);
		when(redactor.redact(anyString())).thenAnswer(call -> {
			String text = call.getArgument(0);
			return new Redacted(text.replace("hunter2", "[secret]"), List.of());
		});
		Alert leaky = new Alert("alertmanager", "f1", AlertStatus.FIRING,
				Map.of("alertname", "Leak hunter2", "instance", "db hunter2", "password", "hunter2"),
				Map.of("summary", "token hunter2 leaked", "description", "hunter2 everywhere", "runbook_url",
						"https://runbooks.example.com/leak?token=hunter2"),
				Instant.parse("2026-12-01T03:00:00Z"), null, "https://prometheus.example.com/graph?token=hunter2");
		Incident incident = new Incident(TestIncidents.ID, "g", "C0", IncidentStatus.OPEN, List.of(leaky), false,
				leaky.startsAt(), null, "alertmanager", Map.of("instance", "db hunter2"),
				"https://alertmanager.example.com", 1);

		IncidentSummary summary = new Summarizer(redactor).summarize(incident, NOW);

		assertThat(summary.toString()).doesNotContain("hunter2").contains("[secret]");
		assertThat(new Summarizer(redactor).describe(incident, List.of("f1")).toString()).doesNotContain("hunter2");
	}

	@Test
	void offersOnlyWebLinks() {
		Alert alert = new Alert("alertmanager", "f1", AlertStatus.FIRING, Map.of("alertname", "A"),
				Map.of("runbook_url", "javascript:alert(1)"), Instant.parse("2026-12-01T03:00:00Z"), null,
				"file:///etc/passwd");
		Incident incident = new Incident(TestIncidents.ID, "g", "C0", IncidentStatus.OPEN, List.of(alert), false,
				alert.startsAt(), null);

		assertThat(summarizer.summarize(incident, NOW).links()).isEmpty();
	}

}
