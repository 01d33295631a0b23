package dev.watchkeeper.summary.internal;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.AlertBatch;
import dev.watchkeeper.alerts.AlertPayloads;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.IncidentStatus;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.core.cli.CliCommand;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.runbooks.RenderedAction;
import dev.watchkeeper.runbooks.RenderedStep;
import dev.watchkeeper.runbooks.RunbookCatalog;
import dev.watchkeeper.runbooks.RunbookRef;
import dev.watchkeeper.runbooks.Runbooks;
import dev.watchkeeper.runbooks.Suggestion;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code summarize FILE}: prints the summary of an Alertmanager (or Grafana) webhook
 * payload as plain text, offline: no Spring, no database, no Slack. The whole file is one
 * incident, as the sender grouped it.
 */
public class SummarizeCommand implements CliCommand {

	/**
	 * Where {@code runbooks check} and the application look too, relative to the working
	 * directory.
	 */
	static final String DEFAULT_RUNBOOKS = "runbooks";

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
		return "summarize [--runbooks DIR] FILE  print the summary of an Alertmanager or Grafana webhook payload and the"
				+ " runbooks that fit it (FILE - reads stdin; DIR defaults to runbooks)";
	}

	@Override
	public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception {
		Path runbooks = Path.of(DEFAULT_RUNBOOKS);
		boolean runbooksGiven = false;
		List<String> files = new ArrayList<>();
		for (int i = 0; i < args.size(); i++) {
			if (args.get(i).equals("--runbooks")) {
				if (i + 1 == args.size()) {
					throw new IllegalArgumentException("--runbooks needs a directory");
				}
				runbooks = Path.of(args.get(++i));
				runbooksGiven = true;
			}
			else {
				files.add(args.get(i));
			}
		}
		if (files.size() != 1) {
			throw new IllegalArgumentException("expected one FILE argument");
		}
		if (runbooksGiven && !Files.isDirectory(runbooks)) {
			throw new IllegalArgumentException("no such runbook directory: " + runbooks);
		}
		Instant now = clock.instant();
		AlertBatch batch;
		if (files.get(0).equals("-")) {
			batch = AlertPayloads.parse(in, null, Long.MAX_VALUE, now);
		}
		else {
			Path file = Path.of(files.get(0));
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
		// the default directory is optional: outside a checkout there is simply nothing
		// to suggest
		if (Files.isDirectory(runbooks)) {
			appendRunbookSuggestions(incident, Runbooks.of(RunbookCatalog.load(runbooks)), out);
		}
		return 0;
	}

	/**
	 * The runbooks that fit the incident, best first, with why they matched and their
	 * steps, as plain text. Prints nothing when none fits. Step text is redacted like the
	 * summary.
	 */
	static void appendRunbookSuggestions(Incident incident, Runbooks runbooks, PrintStream out) {
		List<Suggestion> suggestions = runbooks.suggestFor(incident.alerts());
		if (suggestions.isEmpty()) {
			return;
		}
		Redactor redactor = Redactor.standard();
		out.println();
		out.println("Runbooks:");
		int rank = 0;
		for (Suggestion suggestion : suggestions) {
			RunbookRef runbook = suggestion.runbook();
			out.println(++rank + ". " + runbook.title() + " [" + runbook.id() + "] owner " + runbook.owner()
					+ ", severity " + runbook.severity() + " (" + runbook.file() + ")");
			if (!suggestion.reasons().isEmpty()) {
				out.println("   why: " + redactor.redact(String.join("; ", suggestion.reasons())).text());
			}
			for (RenderedStep step : suggestion.steps()) {
				String text = redactor.redact(step.text().strip()).text().replace("\n", "\n      ");
				out.println("   " + step.number() + ". " + text);
				RenderedAction action = step.action();
				if (action != null) {
					out.println("      action: " + action.type() + " "
							+ action.params()
								.entrySet()
								.stream()
								.map(e -> e.getKey() + "="
										+ (action.paramsNeedingInput().contains(e.getKey()) ? "(needs input)"
												: redactor.redact(e.getValue()).text()))
								.collect(Collectors.joining(" ")));
				}
			}
		}
	}

	/**
	 * The incident the payload would become, without a database: open while any alert
	 * fires.
	 */
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
