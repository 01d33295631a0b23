package dev.watchkeeper.summary;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.AlertPayloads;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.Severity;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.summary.IncidentSummary.Affected;
import dev.watchkeeper.summary.IncidentSummary.AlertLine;
import dev.watchkeeper.summary.IncidentSummary.LabelSpread;
import dev.watchkeeper.summary.IncidentSummary.Link;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link IncidentSummary} from an incident, deterministically (same incident,
 * same instant, same summary). The one place where alert text meets the {@link Redactor}
 * on its way to Slack or a terminal: every label value, annotation and URL taken from an
 * alert passes through it here.
 */
public final class Summarizer {

	/**
	 * How many values of a list (affected services, label values) are named before "and K
	 * more".
	 */
	public static final int DEFAULT_TOP = 10;

	/** How many alerts are listed individually. */
	public static final int DEFAULT_ALERT_LINES = 20;

	private static final int VALUES_PER_DIFFERING_LABEL = 5;

	private static final int MAX_TEXT = 2_000;

	private static final int MAX_LINE_TEXT = 200;

	/**
	 * Labels that name what is affected, in order of preference; the first two present
	 * are shown.
	 */
	private static final List<String> AFFECTED_LABELS = List.of("service", "instance", "pod", "node", "host", "job");

	/** Labels that tell one alert of a group from another, in order of preference. */
	private static final List<String> SUBJECT_LABELS = List.of("instance", "pod", "service", "node", "host", "job",
			"container", "device");

	private final Redactor redactor;

	private final int top;

	private final int alertLines;

	public Summarizer(Redactor redactor) {
		this(redactor, DEFAULT_TOP, DEFAULT_ALERT_LINES);
	}

	public Summarizer(Redactor redactor, int top, int alertLines) {
		if (top < 1 || alertLines < 1) {
			throw new IllegalArgumentException("top and alertLines must be at least 1");
		}
		this.redactor = redactor;
		this.top = top;
		this.alertLines = alertLines;
	}

	public IncidentSummary summarize(Incident incident, Instant now) {
		List<Alert> alerts = incident.alerts();
		// what is broken now matters most; once resolved, everything that was broken
		List<Alert> relevant = incident.open() ? incident.firingAlerts() : alerts;
		Map<String, String> common = common(alerts, Alert::labels);
		Map<String, String> commonAnnotations = common(alerts, Alert::annotations);
		String title = title(alerts, common, commonAnnotations, incident);
		String description = description(alerts, commonAnnotations);
		List<LabelSpread> differing = differing(alerts, common);
		return new IncidentSummary(incident.id(), title, incident.severity(), incident.status(), incident.flapping(),
				(int) incident.firingCount(), (int) incident.resolvedCount(), description, affected(relevant),
				redactValues(common), differing.subList(0, Math.min(top, differing.size())),
				Math.max(0, differing.size() - top), incident.startedAt(), incident.resolvedAt(),
				incident.duration(now), links(incident, relevant, common), alertLines(alerts, common, title),
				Math.max(0, alerts.size() - alertLines));
	}

	/**
	 * Condensed, redacted lines for some alerts of an incident (e.g. the critical alerts
	 * that just started firing), told apart by the labels they do not share with the rest
	 * of the incident.
	 */
	public List<AlertLine> describe(Incident incident, Collection<String> fingerprints) {
		Map<String, String> common = common(incident.alerts(), Alert::labels);
		Set<String> wanted = new HashSet<>(fingerprints);
		List<Alert> chosen = incident.alerts().stream().filter(a -> wanted.contains(a.fingerprint())).toList();
		return alertLines(chosen, common, "");
	}

	private String title(List<Alert> alerts, Map<String, String> common, Map<String, String> commonAnnotations,
			Incident incident) {
		String summary = commonAnnotations.get("summary");
		if (summary != null && !summary.isBlank()) {
			return clean(summary, MAX_TEXT);
		}
		String name = common.get("alertname");
		if (name != null && !name.isBlank()) {
			return clean(name, MAX_TEXT);
		}
		List<String> names = byFrequency(alerts.stream().map(Alert::alertName).filter(n -> !n.isBlank()).toList());
		if (!names.isEmpty()) {
			String listed = names.stream().limit(3).map(n -> clean(n, 200)).collect(Collectors.joining(", "));
			return names.size() > 3 ? listed + " and " + (names.size() - 3) + " more" : listed;
		}
		return incident.groupLabels().isEmpty() ? "Alert group"
				: "Alert group " + clean(new TreeMap<>(incident.groupLabels()).toString(), 200);
	}

	private @Nullable String description(List<Alert> alerts, Map<String, String> commonAnnotations) {
		String description = commonAnnotations.get("description");
		if ((description == null || description.isBlank()) && alerts.size() == 1) {
			description = alerts.get(0).annotation("description");
		}
		return description == null || description.isBlank() ? null : clean(description, MAX_TEXT);
	}

	private List<Affected> affected(List<Alert> alerts) {
		List<Affected> affected = new ArrayList<>();
		for (String label : AFFECTED_LABELS) {
			List<String> values = byFrequency(
					alerts.stream().map(a -> a.label(label)).filter(v -> !v.isBlank()).toList());
			if (!values.isEmpty()) {
				affected.add(new Affected(label, values.stream().limit(top).map(v -> clean(v, 200)).toList(),
						Math.max(0, values.size() - top)));
			}
			if (affected.size() == 2) {
				break;
			}
		}
		return affected;
	}

	private List<LabelSpread> differing(List<Alert> alerts, Map<String, String> common) {
		Set<String> names = new TreeSet<>();
		alerts.forEach(a -> names.addAll(a.labels().keySet()));
		names.removeAll(common.keySet());
		List<LabelSpread> spreads = new ArrayList<>();
		for (String name : names) {
			List<String> values = byFrequency(
					alerts.stream().map(a -> a.label(name)).filter(v -> !v.isBlank()).toList());
			spreads.add(new LabelSpread(clean(name, 100),
					values.stream().limit(VALUES_PER_DIFFERING_LABEL).map(v -> clean(v, 200)).toList(),
					Math.max(0, values.size() - VALUES_PER_DIFFERING_LABEL)));
		}
		return spreads;
	}

	private List<Link> links(Incident incident, List<Alert> relevant, Map<String, String> common) {
		List<Link> links = new ArrayList<>();
		List<Alert> candidates = relevant.isEmpty() ? incident.alerts() : relevant;
		candidates.stream()
			.map(Alert::generatorUrl)
			.filter(Objects::nonNull)
			.findFirst()
			.flatMap(this::safeUrl)
			.ifPresent(url -> links.add(new Link("Source", url)));
		Set<String> runbooks = new LinkedHashSet<>();
		for (Alert alert : candidates) {
			for (String key : List.of("runbook_url", "runbook")) {
				String value = alert.annotation(key);
				if (!value.isBlank()) {
					runbooks.add(value.strip());
				}
			}
		}
		int n = 0;
		for (String runbook : runbooks) {
			if (n == 3) {
				break;
			}
			String label = n == 0 ? "Runbook" : "Runbook " + (n + 1);
			if (safeUrl(runbook).map(url -> links.add(new Link(label, url))).orElse(false)) {
				n++;
			}
		}
		silenceUrl(incident, common).flatMap(this::safeUrl).ifPresent(url -> links.add(new Link("Silence", url)));
		return links;
	}

	/**
	 * Alertmanager: {@code <externalURL>/#/silences/new?filter={a="b",...}}; Grafana:
	 * {@code <externalURL>/alerting/silence/new?alertmanager=grafana&matcher=a=b...}.
	 * Matches the group labels, else the labels all alerts share.
	 */
	private Optional<String> silenceUrl(Incident incident, Map<String, String> common) {
		String base = incident.externalUrl();
		if (base == null || base.isBlank()) {
			return Optional.empty();
		}
		Map<String, String> matchers = new TreeMap<>(
				incident.groupLabels().isEmpty() ? common : incident.groupLabels());
		if (matchers.isEmpty()) {
			return Optional.empty();
		}
		String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		if (AlertPayloads.GRAFANA.equals(incident.source())) {
			StringBuilder url = new StringBuilder(root).append("/alerting/silence/new?alertmanager=grafana");
			matchers.forEach((k, v) -> url.append("&matcher=").append(encode(k + "=" + v)));
			return Optional.of(url.toString());
		}
		String filter = matchers.entrySet()
			.stream()
			.map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
			.collect(Collectors.joining(",", "{", "}"));
		return Optional.of(root + "/#/silences/new?filter=" + encode(filter));
	}

	private List<AlertLine> alertLines(List<Alert> alerts, Map<String, String> common, String title) {
		Comparator<Alert> relevance = Comparator.comparing((Alert a) -> !a.firing())
			.thenComparing(Alert::severity, Comparator.reverseOrder())
			.thenComparing(Alert::startsAt, Comparator.reverseOrder())
			.thenComparing(Alert::fingerprint);
		String sharedSource = common(alerts, a -> a.generatorUrl() == null ? Map.of() : Map.of("u", a.generatorUrl()))
			.get("u");
		return alerts.stream().sorted(relevance).limit(alertLines).map(alert -> {
			String text = alert.annotation("summary");
			if (text.isBlank() || clean(text, MAX_TEXT).equals(title)) {
				text = alert.annotation("description");
			}
			String cleanText = text.isBlank() ? "" : clean(text, MAX_LINE_TEXT);
			if (cleanText.equals(title)) {
				cleanText = "";
			}
			String url = alert.generatorUrl() == null || alert.generatorUrl().equals(sharedSource) ? null
					: safeUrl(alert.generatorUrl()).orElse(null);
			return new AlertLine(alert.status(), alert.severity(), clean(alert.alertName(), 200),
					subject(alert, common), cleanText, url);
		}).toList();
	}

	private String subject(Alert alert, Map<String, String> common) {
		for (String label : SUBJECT_LABELS) {
			String value = alert.label(label);
			if (!value.isBlank() && !common.containsKey(label)) {
				return clean(value, 200);
			}
		}
		return alert.labels()
			.entrySet()
			.stream()
			.filter(e -> !common.containsKey(e.getKey()))
			.sorted(Map.Entry.comparingByKey())
			.limit(3)
			.map(e -> clean(e.getKey() + "=" + e.getValue(), 200))
			.collect(Collectors.joining(", "));
	}

	private Map<String, String> redactValues(Map<String, String> labels) {
		Map<String, String> clean = new TreeMap<>();
		labels.forEach((k, v) -> clean.put(clean(k, 100), clean(v, 200)));
		return clean;
	}

	/**
	 * Only absolute http(s) URLs are offered as links; anything else (javascript:,
	 * relative) is dropped.
	 */
	private Optional<String> safeUrl(String url) {
		String redacted = redactor.redact(url.strip()).text();
		try {
			URI uri = URI.create(redacted);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
					&& redacted.length() <= 3000) {
				return Optional.of(redacted);
			}
		}
		catch (IllegalArgumentException ex) {
			// not a URL: no link
		}
		return Optional.empty();
	}

	/** Redacts, then shortens; single-line values stay single-line. */
	private String clean(String text, int max) {
		String redacted = redactor.redact(text.strip()).text();
		if (redacted.length() <= max) {
			return redacted;
		}
		return redacted.substring(0, max - 1) + "…";
	}

	private static Map<String, String> common(List<Alert> alerts, Function<Alert, Map<String, String>> values) {
		Map<String, String> common = null;
		for (Alert alert : alerts) {
			Map<String, String> these = values.apply(alert);
			if (common == null) {
				common = new TreeMap<>(these);
			}
			else {
				common.entrySet().removeIf(e -> !e.getValue().equals(these.get(e.getKey())));
			}
			if (common.isEmpty()) {
				break;
			}
		}
		return common == null ? Map.of() : common;
	}

	/** Distinct values, most frequent first, ties alphabetically. */
	private static List<String> byFrequency(List<String> values) {
		Map<String, Integer> counts = new HashMap<>();
		values.forEach(v -> counts.merge(v, 1, Integer::sum));
		Map<String, Integer> ordered = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.forEach(e -> ordered.put(e.getKey(), e.getValue()));
		return new ArrayList<>(ordered.keySet());
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
