package dev.watchkeeper.alerts.internal;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.redaction.Redactor;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the alert history of a time window as JSON lines, one alert state per line,
 * streamed from the database. Label and annotation values pass through redaction: the
 * export leaves the process.
 */
@Component
class AlertHistoryExport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final IncidentRepository repository;

	private final Redactor redactor;

	AlertHistoryExport(IncidentRepository repository, ObjectProvider<Redactor> redactor) {
		this.repository = repository;
		this.redactor = redactor.getIfAvailable(Redactor::standard);
	}

	@Transactional(readOnly = true)
	public void write(Instant from, Instant to, OutputStream out) {
		repository.history(from, to, entry -> {
			Alert alert = entry.alert();
			try (JsonGenerator line = JSON.createGenerator(new NonClosingStream(out))) {
				line.writeStartObject();
				line.writeStringProperty("receivedAt", entry.receivedAt().toString());
				line.writeStringProperty("source", alert.source());
				line.writeStringProperty("fingerprint", alert.fingerprint());
				line.writeStringProperty("status", alert.status().name().toLowerCase());
				line.writeBooleanProperty("statusChanged", entry.statusChanged());
				writeMap(line, "labels", alert.labels());
				writeMap(line, "annotations", alert.annotations());
				line.writeStringProperty("startsAt", alert.startsAt().toString());
				line.writeStringProperty("endsAt", alert.endsAt() == null ? null : alert.endsAt().toString());
				line.writeStringProperty("generatorURL",
						alert.generatorUrl() == null ? null : redactor.redact(alert.generatorUrl()).text());
				line.writeStringProperty("groupKey", redactor.redact(entry.groupKey()).text());
				line.writeStringProperty("incidentId", entry.incident() == null ? null : entry.incident().toString());
				line.writeEndObject();
			}
			try {
				out.write('\n');
			}
			catch (java.io.IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private void writeMap(JsonGenerator json, String name, Map<String, String> values) {
		json.writeName(name);
		json.writeStartObject();
		new TreeMap<>(values).forEach((key, value) -> json.writeStringProperty(key, redactor.redact(value).text()));
		json.writeEndObject();
	}

	/** Lets each line's generator flush without closing the response stream. */
	private static final class NonClosingStream extends java.io.FilterOutputStream {

		NonClosingStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws java.io.IOException {
			out.write(b, off, len);
		}

		@Override
		public void close() throws java.io.IOException {
			flush();
		}

	}

}
