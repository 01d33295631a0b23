package dev.watchkeeper.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AlertPayloadsTests {

	private static final Instant RECEIVED = Instant.parse("2026-12-01T03:20:00Z");

	private static AlertBatch parse(String json, String source) {
		return AlertPayloads.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), source, 1024 * 1024,
				RECEIVED);
	}

	private static AlertBatch alertmanager(String json) {
		return parse(json, AlertPayloads.ALERTMANAGER);
	}

	@Test
	void readsAPayloadCapturedFromAlertmanager() {
		AlertBatch batch = alertmanager(AlertHooks.fixture("alertmanager-firing.json"));

		assertThat(batch.source()).isEqualTo("alertmanager");
		assertThat(batch.receiver()).isEqualTo("wk");
		assertThat(batch.status()).isEqualTo(AlertStatus.FIRING);
		assertThat(batch.groupKey())
			.isEqualTo("{}:{alertname=\"KubePodCrashLooping\", cluster=\"prod-eu-1\", namespace=\"checkout\"}");
		assertThat(batch.groupLabels()).containsEntry("namespace", "checkout").hasSize(3);
		assertThat(batch.commonLabels()).containsEntry("severity", "critical");
		assertThat(batch.externalUrl()).isEqualTo("http://alertmanager.example.com:9093");
		assertThat(batch.alerts()).hasSize(2);
		Alert first = batch.alerts().get(0);
		assertThat(first.fingerprint()).isEqualTo("81990f9246a8d39a");
		assertThat(first.status()).isEqualTo(AlertStatus.FIRING);
		assertThat(first.label("pod")).isEqualTo("checkout-7d9f-abcde");
		assertThat(first.annotation("runbook_url")).isEqualTo("https://runbooks.example.com/KubePodCrashLooping");
		assertThat(first.startsAt()).isEqualTo(Instant.parse("2026-12-01T03:13:30Z"));
		assertThat(first.endsAt()).as("Go's zero time means no end yet").isNull();
		assertThat(first.generatorUrl()).startsWith("http://prometheus.example.com:9090/graph");
	}

	@Test
	void readsResolvedAlertsWithTheirEnd() {
		AlertBatch batch = alertmanager(AlertHooks.fixture("alertmanager-partially-resolved.json"));

		assertThat(batch.alerts()).extracting(Alert::status).containsExactly(AlertStatus.RESOLVED, AlertStatus.FIRING);
		assertThat(batch.alerts().get(0).endsAt()).isEqualTo(Instant.parse("2026-12-01T03:13:39Z"));
	}

	@Test
	void readsAGrafanaUnifiedAlertingPayload() {
		AlertBatch batch = parse(AlertHooks.fixture("grafana-firing.json"), AlertPayloads.GRAFANA);

		assertThat(batch.source()).isEqualTo("grafana");
		assertThat(batch.groupKey()).as("Grafana organisations share one key space")
			.startsWith("org 1 {}/{team=\"storage\"}");
		assertThat(batch.externalUrl()).isEqualTo("https://grafana.example.com/");
		assertThat(batch.alerts()).hasSize(2);
		assertThat(batch.alerts().get(0).startsAt()).isEqualTo(Instant.parse("2024-05-14T07:51:03.157076Z"));
		assertThat(batch.alerts().get(1).label("host")).isEqualTo("db-02");
	}

	@Test
	void tellsGrafanaFromAlertmanagerWhenNotTold() {
		AlertBatch grafana = parse(AlertHooks.fixture("grafana-firing.json"), null);
		AlertBatch alertmanager = parse(AlertHooks.fixture("alertmanager-firing.json"), null);

		assertThat(grafana.source()).isEqualTo("grafana");
		assertThat(alertmanager.source()).isEqualTo("alertmanager");
	}

	@Test
	void computesAMissingFingerprintExactlyAsAlertmanagerDoes() {
		String json = AlertHooks.fixture("alertmanager-firing.json")
			.replace("\"fingerprint\": \"81990f9246a8d39a\"", "\"ignored\": true");

		AlertBatch batch = alertmanager(json);

		assertThat(batch.alerts().get(0).fingerprint()).isEqualTo("81990f9246a8d39a");
	}

	@Test
	void ignoresUnknownFieldsAtEveryLevel() {
		AlertBatch batch = alertmanager("""
				{"future": {"nested": [1, 2, {"x": null}]}, "alerts": [
				  {"labels": {"alertname": "A"}, "brandNew": [true], "status": "firing"}
				], "another": 3.5}""");

		assertThat(batch.alerts()).singleElement().satisfies(a -> assertThat(a.alertName()).isEqualTo("A"));
	}

	@Test
	void fillsWhatSendersMayLeaveOut() {
		AlertBatch batch = alertmanager("""
				{"status": "resolved", "alerts": [{"labels": {"alertname": "A"}}]}""");

		Alert alert = batch.alerts().get(0);
		assertThat(alert.status()).as("the notification's status").isEqualTo(AlertStatus.RESOLVED);
		assertThat(alert.startsAt()).as("the receive time").isEqualTo(RECEIVED);
		assertThat(alert.annotations()).isEmpty();
	}

	@Test
	void keepsTimestampsToTheMicrosecondTheDatabaseStores() {
		AlertBatch batch = alertmanager("""
				{"alerts": [{"labels": {"alertname": "A"}, "startsAt": "2026-12-01T03:13:30.123456789Z"}]}""");

		assertThat(batch.alerts().get(0).startsAt()).isEqualTo(Instant.parse("2026-12-01T03:13:30.123456Z"));
	}

	@Test
	void acceptsANotificationWithoutAlerts() {
		assertThat(alertmanager("{\"alerts\": []}").alerts()).isEmpty();
	}

	@Test
	void namesTheLineAndColumnOfBrokenJson() {
		assertThatThrownBy(() -> alertmanager("{\"alerts\": [\n  {\"labels\": {\"a\": \"b\",}}]}"))
			.isInstanceOf(MalformedAlertPayload.class)
			.hasMessageStartingWith("not valid JSON at line 2, column");
	}

	@Test
	void refusesAnEmptyBody() {
		assertThatThrownBy(() -> alertmanager("")).isInstanceOf(MalformedAlertPayload.class)
			.hasMessage("body is empty: expected a JSON object");
	}

	@Test
	void refusesABodyThatIsNotAnObject() {
		assertThatThrownBy(() -> alertmanager("[1, 2]")).isInstanceOf(MalformedAlertPayload.class)
			.hasMessage("body must be a JSON object, not an array");
	}

	@Test
	void refusesAPayloadWithoutAlerts() {
		assertThatThrownBy(() -> alertmanager("{\"status\": \"firing\"}")).isInstanceOf(MalformedAlertPayload.class)
			.hasMessageStartingWith("'alerts' is missing");
	}

	@Test
	void refusesAlertsThatAreNotAnArray() {
		assertThatThrownBy(() -> alertmanager("{\"alerts\": {\"a\": 1}}")).isInstanceOf(MalformedAlertPayload.class)
			.hasMessage("'alerts' must be an array, not an object");
	}

	@Test
	void namesTheLabelThatIsNotAString() {
		assertThatThrownBy(() -> alertmanager("""
				{"alerts": [{"labels": {"alertname": "A"}}, {"labels": {"alertname": "B", "severity": 3}}]}"""))
			.isInstanceOf(MalformedAlertPayload.class)
			.hasMessage("alerts[1].labels.severity must be a string, not a number");
	}

	@Test
	void refusesAnUnknownStatus() {
		assertThatThrownBy(() -> alertmanager("""
				{"alerts": [{"labels": {"alertname": "A"}, "status": "on-fire"}]}"""))
			.isInstanceOf(MalformedAlertPayload.class)
			.hasMessage("alerts[0].status must be \"firing\" or \"resolved\", not \"on-fire\"");
	}

	@Test
	void refusesATimestampThatIsNotRfc3339() {
		assertThatThrownBy(() -> alertmanager("""
				{"alerts": [{"labels": {"alertname": "A"}, "startsAt": "yesterday"}]}"""))
			.isInstanceOf(MalformedAlertPayload.class)
			.hasMessage("alerts[0].startsAt is not an RFC 3339 timestamp: \"yesterday\"");
	}

	@Test
	void refusesAnAlertWithoutLabels() {
		assertThatThrownBy(() -> alertmanager("{\"alerts\": [{\"status\": \"firing\"}]}"))
			.isInstanceOf(MalformedAlertPayload.class)
			.hasMessage("alerts[0].labels is missing: every alert needs its labels");
	}

	@Test
	void refusesContentAfterThePayload() {
		assertThatThrownBy(() -> alertmanager("{\"alerts\": []} {\"alerts\": []}"))
			.isInstanceOf(MalformedAlertPayload.class)
			.hasMessageStartingWith("unexpected content after the JSON object");
	}

	@Test
	void stopsReadingOnceTheLimitIsPassed() {
		AtomicLong served = new AtomicLong();
		// an endless body: parsing must fail at the limit rather than read (or buffer) it
		// all
		InputStream endless = new InputStream() {
			private final byte[] start = "{\"alerts\": [{\"labels\": {\"alertname\": \""
				.getBytes(StandardCharsets.UTF_8);

			@Override
			public int read() {
				long n = served.getAndIncrement();
				return n < start.length ? start[(int) n] : 'x';
			}
		};

		assertThatThrownBy(() -> AlertPayloads.parse(endless, AlertPayloads.ALERTMANAGER, 64 * 1024, RECEIVED))
			.isInstanceOf(AlertPayloadTooLarge.class)
			.hasMessageContaining("65536 bytes");
		assertThat(served.get()).isLessThan(64 * 1024 + 16 * 1024);
	}

}
