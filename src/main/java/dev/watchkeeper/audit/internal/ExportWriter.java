package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.ExportFormat;
import dev.watchkeeper.audit.internal.CanonicalJson.RawJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes entries as JSON lines (canonical JSON objects, chain fields included so an
 * export can be checked offline) or as CSV (RFC 4180, CRLF, every field quoted; a leading
 * {@code = + - @} or tab gets a {@code '} so a spreadsheet shows alert text instead of
 * running it as a formula).
 */
final class ExportWriter implements AutoCloseable {

	static final List<String> CSV_COLUMNS = List.of("seq", "occurredAt", "recordedAt", "actor", "actorName", "action",
			"subject", "incidentId", "outcome", "details", "identifiers", "eventId", "keyId", "prevHash", "hash",
			"hmac");

	private final ExportFormat format;

	private final Writer out;

	private long written;

	ExportWriter(ExportFormat format, OutputStream out) {
		this.format = format;
		this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		if (format == ExportFormat.CSV) {
			line(CSV_COLUMNS);
		}
	}

	void write(StoredEntry entry) {
		if (format == ExportFormat.JSONL) {
			append(jsonLine(entry));
			append("\n");
		}
		else {
			line(List.of(Long.toString(entry.sequence()), ChainSealing.time(entry.occurredAt()),
					ChainSealing.time(entry.recordedAt()), entry.actor(), entry.actorName(), entry.action(),
					entry.subject(), entry.incidentId(), entry.outcome(), entry.detailsJson(), entry.identifiersJson(),
					entry.eventId().toString(), entry.keyId(), entry.prevHash(), entry.hash(), entry.hmac()));
		}
		written++;
		if (written % 500 == 0) {
			flush();
		}
	}

	long written() {
		return written;
	}

	static String jsonLine(StoredEntry entry) {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("seq", entry.sequence());
		members.put("eventId", entry.eventId().toString());
		members.put("occurredAt", ChainSealing.time(entry.occurredAt()));
		members.put("recordedAt", ChainSealing.time(entry.recordedAt()));
		members.put("actor", entry.actor());
		members.put("actorName", entry.actorName());
		members.put("action", entry.action());
		members.put("subject", entry.subject());
		members.put("incidentId", entry.incidentId());
		members.put("outcome", entry.outcome());
		members.put("details", new RawJson(entry.detailsJson()));
		members.put("identifiers", new RawJson(entry.identifiersJson()));
		members.put("keyId", entry.keyId());
		members.put("prevHash", entry.prevHash());
		members.put("hash", entry.hash());
		members.put("hmac", entry.hmac());
		return CanonicalJson.object(members);
	}

	static String csvCell(String value) {
		String safe = value;
		if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
			safe = "'" + safe;
		}
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

	private void line(List<String> cells) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				line.append(',');
			}
			line.append(csvCell(cells.get(i)));
		}
		append(line.append("\r\n").toString());
	}

	private void append(String text) {
		try {
			out.write(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void flush() {
		try {
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		flush();
	}

}
