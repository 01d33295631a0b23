package dev.watchkeeper.summary.internal;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.AlertBatch;
import dev.watchkeeper.alerts.AlertPayloads;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.IncidentStatus;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.core.cli.CliCommand;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.summary.IncidentSummary;
import dev.watchkeeper.summary.PlainTextSummary;
import dev.watchkeeper.summary.Summarizer;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code summarize FILE}: prints the summary of an Alertmanager (or Grafana) webhook payload as plain text, offline:
 * no Spring, no database, no Slack. The whole file is one incident, as the sender grouped it.
 */
public class SummarizeCommand implements CliCommand {

	private final Clock clock;

	public SummarizeCommand() {
		this(Clock.systemUTC());
	}

	SummarizeCommand(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String name() {
		return "summarize";
	}

	@Override
	public String usage() {
		return "summarize FILE  print the summary of an Alertmanager or Grafana webhook payload (FILE - reads stdin)";
	}

	@Override
	public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception {
		if (args.size() != 1) {
			throw new IllegalArgumentException("expected one FILE argument");
		}
		Instant now = clock.instant();
		AlertBatch batch;
		if (args.get(0).equals("-")) {
			batch = AlertPayloads.parse(in, null, Long.MAX_VALUE, now);
		}
		else {
			Path file = Path.of(args.get(0));
			if (!Files.isRegularFile(file)) {
				throw new IllegalArgumentException("no such file: " + file);
			}
			try (InputStream body = Files.newInputStream(file)) {
				batch = AlertPayloads.parse(body, null, Long.MAX_VALUE, now);
			}
		}
		if (batch.alerts().isEmpty()) {
			out.println("The payload has no alerts.");
			return 0;
		}
		Incident incident = preview(batch, now);
		IncidentSummary summary = new Summarizer(Redactor.standard()).summarize(incident, now);
		out.print(PlainTextSummary.render(summary));
		appendRunbookSuggestions(incident, summary, out);
		return 0;
	}

	/**
	 * RUNBOOK SUGGESTIONS HOOK: the runbooks module's plain-Java catalog and ranker print their suggestions for this
	 * incident here (wired at merge). Intentionally prints nothing until then.
	 */
	void appendRunbookSuggestions(Incident incident, IncidentSummary summary, PrintStream out) {
		// wired by the lead when the runbooks module lands
	}

	/** The incident the payload would become, without a database: open while any alert fires. */
	static Incident preview(AlertBatch batch, Instant now) {
		List<Alert> alerts = batch.alerts();
		boolean open = alerts.stream().anyMatch(Alert::firing);
		Instant opened = alerts.stream().map(Alert::startsAt).min(Comparator.naturalOrder()).orElse(now);
		Instant resolved = open ? null
				: alerts.stream()
					.map(Alert::endsAt)
					.filter(Objects::nonNull)
					.max(Comparator.naturalOrder())
					.orElse(now);
		String groupKey = batch.groupKey() != null ? batch.groupKey() : "";
		IncidentId id = new IncidentId(
				UUID.nameUUIDFromBytes((batch.source() + "\n" + groupKey).getBytes(StandardCharsets.UTF_8)));
		Map<String, String> groupLabels = batch.groupLabels();
		return new Incident(id, groupKey, "", open ? IncidentStatus.OPEN : IncidentStatus.RESOLVED, alerts, false,
				opened, resolved, batch.source(), groupLabels, batch.externalUrl(), 0);
	}
}
