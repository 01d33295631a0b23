package dev.watchkeeper.runbooks.internal;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.core.LabelMatcher;
import dev.watchkeeper.runbooks.RenderedAction;
import dev.watchkeeper.runbooks.RenderedStep;
import dev.watchkeeper.runbooks.Runbook;
import dev.watchkeeper.runbooks.RunbookCatalog;
import dev.watchkeeper.runbooks.Runbooks;
import dev.watchkeeper.runbooks.Suggestion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.jspecify.annotations.Nullable;

/**
 * One catalog with an in-memory Lucene index over it, ranking runbooks for alerts: a
 * {@code runbook_url} annotation naming a known runbook first, then runbooks whose
 * matchers all match (more matchers, more specific, higher), then BM25 relevance of the
 * alert's name, summary and description to title (boost 3), keywords (2) and body (1).
 * Immutable and safe for concurrent use.
 */
public final class IndexedRunbooks implements Runbooks {

	/**
	 * Text-only suggestions must score at least this share of the best text score: no
	 * filler from one stray word.
	 */
	static final double TEXT_CUTOFF = 0.25;

	/**
	 * A runbook suggested for its text alone must share at least this many distinct terms
	 * with the alerts.
	 */
	static final int MIN_TEXT_TERMS = 2;

	/**
	 * How many text hits are considered before ranking (label hits are always
	 * considered).
	 */
	private static final int TEXT_HITS = 50;

	/** Words quoted in a text reason; more would be a paragraph, not a reason. */
	private static final int REASON_WORDS = 6;

	private static final Map<String, Float> FIELDS = fields();

	// the text is in the Runbook records already: index it, do not store it twice
	private static final FieldType INDEXED_TEXT = TextField.TYPE_NOT_STORED;

	private static final int TIER_URL = 3;

	private static final int TIER_LABELS = 2;

	private static final int TIER_TEXT = 1;

	private final RunbookCatalog catalog;

	private final List<Runbook> runbooks;

	private final Map<String, Integer> byName;

	private final Analyzer analyzer;

	private final IndexSearcher searcher;

	private IndexedRunbooks(RunbookCatalog catalog) throws IOException {
		this.catalog = catalog;
		this.runbooks = catalog.runbooks();
		this.analyzer = new EnglishAnalyzer();
		Map<String, Integer> names = new HashMap<>();
		for (int i = 0; i < runbooks.size(); i++) {
			String file = runbooks.get(i).file().replace('\\', '/');
			String stem = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.md$", "");
			names.putIfAbsent(stem.toLowerCase(Locale.ROOT), i);
		}
		for (int i = 0; i < runbooks.size(); i++) {
			// an id wins over another runbook's file name
			names.put(runbooks.get(i).id().toLowerCase(Locale.ROOT), i);
		}
		this.byName = Map.copyOf(names);
		// heap only: nothing to close when a reload replaces this index, the garbage
		// collector frees it
		ByteBuffersDirectory directory = new ByteBuffersDirectory();
		try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
			for (int i = 0; i < runbooks.size(); i++) {
				writer.addDocument(document(i, runbooks.get(i)));
			}
			writer.commit();
		}
		this.searcher = new IndexSearcher(DirectoryReader.open(directory));
	}

	public static IndexedRunbooks of(RunbookCatalog catalog) {
		try {
			return new IndexedRunbooks(catalog);
		}
		catch (IOException ex) {
			// the index lives in memory: an I/O error here is a bug, not an environment
			// problem
			throw new UncheckedIOException("cannot index runbooks", ex);
		}
	}

	public RunbookCatalog catalog() {
		return catalog;
	}

	@Override
	public List<Suggestion> suggestFor(Collection<Alert> alerts) {
		List<Alert> considered = alerts.stream().filter(Alert::firing).toList();
		if (considered.isEmpty()) {
			considered = List.copyOf(alerts);
		}
		if (considered.isEmpty() || runbooks.isEmpty()) {
			return List.of();
		}
		Map<Integer, Candidate> candidates = new LinkedHashMap<>();
		for (Alert alert : considered) {
			String url = alert.annotation("runbook_url").strip();
			Integer ord = url.isEmpty() ? null : runbookNamedBy(url);
			if (ord != null) {
				candidates.computeIfAbsent(ord, Candidate::new).hit(TIER_URL, alert, List.of("runbook_url: " + url));
			}
		}
		for (int i = 0; i < runbooks.size(); i++) {
			List<LabelMatcher> matchers = runbooks.get(i).match();
			if (matchers.isEmpty()) {
				continue;
			}
			for (Alert alert : considered) {
				if (LabelMatcher.allMatch(matchers, alert.labels())) {
					Candidate c = candidates.computeIfAbsent(i, Candidate::new);
					// reasons from the first matching alert; the others would repeat them
					c.hit(TIER_LABELS, alert, c.alertsMatched == 0 ? labelReasons(matchers, alert) : List.of());
					c.specificity = matchers.size();
					c.alertsMatched++;
				}
			}
		}
		Map<Alert, Set<String>> termsByAlert = new LinkedHashMap<>();
		Map<String, String> terms = new LinkedHashMap<>();
		for (Alert alert : considered) {
			Map<String, String> own = QueryTerms.of(alertText(alert), analyzer);
			termsByAlert.put(alert, own.keySet());
			own.forEach(terms::putIfAbsent);
		}
		textHits(terms, candidates);
		List<Suggestion> suggestions = new ArrayList<>();
		for (Candidate c : ranked(candidates, SUGGESTION_LIMIT * 3)) {
			if (suggestions.size() == SUGGESTION_LIMIT) {
				break;
			}
			List<String> reasons = new ArrayList<>(c.reasons);
			Set<String> matchedTerms = c.textScore > 0 ? matchedTerms(c.ord, terms.keySet()) : Set.of();
			if (c.reasons.isEmpty() && matchedTerms.size() < MIN_TEXT_TERMS) {
				// one word shared with an alert ("down", "high") is not evidence worth an
				// on-call engineer's time
				continue;
			}
			if (!matchedTerms.isEmpty()) {
				reasons.add(textReason(matchedTerms, terms));
			}
			Alert subject = c.alert != null ? c.alert : bestTextAlert(termsByAlert, matchedTerms);
			suggestions.add(suggestion(runbooks.get(c.ord), reasons, subject));
		}
		return suggestions;
	}

	@Override
	public List<Suggestion> search(String query) {
		String q = query.strip();
		if (q.isEmpty() || runbooks.isEmpty()) {
			return List.of();
		}
		Map<Integer, Candidate> candidates = new LinkedHashMap<>();
		Integer exact = byName.get(q.toLowerCase(Locale.ROOT));
		if (exact != null && runbooks.get(exact).id().equalsIgnoreCase(q)) {
			candidates.computeIfAbsent(exact, Candidate::new)
				.hit(TIER_URL, null, List.of("id: " + runbooks.get(exact).id()));
		}
		Map<String, String> terms = QueryTerms.of(q, analyzer);
		textHits(terms, candidates);
		List<Suggestion> results = new ArrayList<>();
		for (Candidate c : ranked(candidates, SEARCH_LIMIT)) {
			List<String> reasons = new ArrayList<>(c.reasons);
			Set<String> matched = c.textScore > 0 ? matchedTerms(c.ord, terms.keySet()) : Set.of();
			if (!matched.isEmpty()) {
				reasons.add(textReason(matched, terms));
			}
			results.add(suggestion(runbooks.get(c.ord), reasons, null));
		}
		return results;
	}

	@Override
	public Optional<Suggestion> render(String runbookId, @Nullable Alert alert) {
		return catalog.find(runbookId).map(r -> suggestion(r, List.of(), alert));
	}

	/**
	 * The runbook a {@code runbook_url} names by its last path segment (id or file name)
	 * or its fragment.
	 */
	@Nullable Integer runbookNamedBy(String url) {
		String path = url;
		String fragment = "";
		try {
			URI uri = URI.create(url);
			path = uri.getRawPath() == null ? url : uri.getRawPath();
			fragment = uri.getRawFragment() == null ? "" : uri.getRawFragment();
		}
		catch (IllegalArgumentException ex) {
			// not a URI (a bare id or a wiki path with spaces): use the text as it is
			int hash = url.indexOf('#');
			if (hash >= 0) {
				fragment = url.substring(hash + 1);
				path = url.substring(0, hash);
			}
		}
		if (!fragment.isEmpty()) {
			Integer ord = byName.get(decode(fragment).toLowerCase(Locale.ROOT));
			if (ord != null) {
				return ord;
			}
		}
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String last = decode(trimmed.substring(trimmed.lastIndexOf('/') + 1)).replaceFirst("\\.(md|html?)$", "");
		return last.isEmpty() ? null : byName.get(last.toLowerCase(Locale.ROOT));
	}

	private void textHits(Map<String, String> terms, Map<Integer, Candidate> candidates) {
		if (terms.isEmpty()) {
			return;
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		for (String term : terms.keySet()) {
			FIELDS.forEach((field, boost) -> query.add(new BoostQuery(new TermQuery(new Term(field, term)), boost),
					BooleanClause.Occur.SHOULD));
		}
		try {
			ScoreDoc[] hits = searcher.search(query.build(), TEXT_HITS).scoreDocs;
			if (hits.length == 0) {
				return;
			}
			float best = hits[0].score;
			StoredFields stored = searcher.storedFields();
			for (ScoreDoc hit : hits) {
				int ord = stored.document(hit.doc).getField("ord").numericValue().intValue();
				Candidate existing = candidates.get(ord);
				if (existing == null && hit.score < best * TEXT_CUTOFF) {
					continue;
				}
				Candidate c = existing != null ? existing : candidates.computeIfAbsent(ord, Candidate::new);
				c.tier = Math.max(c.tier, TIER_TEXT);
				c.textScore = hit.score;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot search the in-memory runbook index", ex);
		}
	}

	/**
	 * Analyzed query terms that occur in the runbook's title, keywords or body, in the
	 * query's order. Found by analyzing the few suggested runbooks again rather than
	 * storing term vectors for every runbook in the index.
	 */
	private Set<String> matchedTerms(int ord, Set<String> queryTerms) {
		Runbook runbook = runbooks.get(ord);
		Set<String> present = QueryTerms.all(runbook.title() + "\n" + keywordText(runbook) + "\n" + runbook.body(),
				analyzer, queryTerms);
		Set<String> ordered = new LinkedHashSet<>();
		queryTerms.stream().filter(present::contains).forEach(ordered::add);
		return ordered;
	}

	private static String textReason(Set<String> matchedTerms, Map<String, String> words) {
		List<String> quoted = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (String term : matchedTerms) {
			String word = words.get(term);
			if (word != null && seen.add(word.toLowerCase(Locale.ROOT)) && quoted.size() < REASON_WORDS) {
				quoted.add(word);
			}
		}
		return "text: '" + String.join(" ", quoted) + "'";
	}

	private static List<String> labelReasons(List<LabelMatcher> matchers, Alert alert) {
		List<String> reasons = new ArrayList<>();
		for (LabelMatcher m : matchers) {
			boolean regex = m.operator() == LabelMatcher.Operator.REGEX;
			// a regex says little by itself; show the value it matched
			reasons.add(regex ? m + " (" + m.name() + "=" + alert.label(m.name()) + ")" : m.toString());
		}
		return reasons;
	}

	private static Alert bestTextAlert(Map<Alert, Set<String>> termsByAlert, Set<String> matchedTerms) {
		Alert best = termsByAlert.keySet().iterator().next();
		long bestOverlap = -1;
		for (Map.Entry<Alert, Set<String>> e : termsByAlert.entrySet()) {
			long overlap = e.getValue().stream().filter(matchedTerms::contains).count();
			if (overlap > bestOverlap) {
				best = e.getKey();
				bestOverlap = overlap;
			}
		}
		return best;
	}

	private List<Candidate> ranked(Map<Integer, Candidate> candidates, int limit) {
		return candidates.values()
			.stream()
			.sorted(Comparator.comparingInt((Candidate c) -> c.tier)
				.thenComparingInt(c -> c.specificity)
				.thenComparingInt(c -> c.alertsMatched)
				.thenComparingDouble(c -> c.textScore)
				.reversed()
				.thenComparing(c -> runbooks.get(c.ord).id()))
			.limit(limit)
			.toList();
	}

	private static Suggestion suggestion(Runbook runbook, List<String> reasons, @Nullable Alert alert) {
		List<RenderedStep> steps = runbook.steps().stream().map(s -> render(s, alert)).toList();
		return new Suggestion(runbook.ref(), reasons, steps, alert == null ? null : alert.fingerprint());
	}

	/** Fills a step from the alert; with no alert every template stays as written. */
	static RenderedStep render(Runbook.Step step, @Nullable Alert alert) {
		String text = Templates.fill(step.text(), alert).text();
		Runbook.Action action = step.action();
		if (action == null) {
			return new RenderedStep(step.number(), text, null, List.of());
		}
		Map<String, String> params = new LinkedHashMap<>();
		List<String> needingInput = new ArrayList<>();
		Set<String> missing = new LinkedHashSet<>();
		action.params().forEach((name, template) -> {
			Templates.Filled filled = Templates.fill(template, alert);
			params.put(name, filled.text());
			if (!filled.missing().isEmpty()) {
				needingInput.add(name);
				missing.addAll(filled.missing());
			}
		});
		return new RenderedStep(step.number(), text, new RenderedAction(action.type(), params, needingInput),
				List.copyOf(missing));
	}

	private static String alertText(Alert alert) {
		return QueryTerms.withCamelCaseSplit(alert.alertName()) + "\n" + alert.annotation("summary") + "\n"
				+ alert.annotation("description");
	}

	private static Document document(int ord, Runbook runbook) {
		Document doc = new Document();
		doc.add(new StoredField("ord", ord));
		doc.add(new Field("title", runbook.title(), INDEXED_TEXT));
		doc.add(new Field("keywords", keywordText(runbook), INDEXED_TEXT));
		doc.add(new Field("body", runbook.body(), INDEXED_TEXT));
		return doc;
	}

	private static String keywordText(Runbook runbook) {
		StringBuilder keywords = new StringBuilder();
		runbook.keywords().forEach(k -> keywords.append(QueryTerms.withCamelCaseSplit(k)).append('\n'));
		return keywords.toString();
	}

	private static Map<String, Float> fields() {
		Map<String, Float> fields = new LinkedHashMap<>();
		fields.put("title", 3f);
		fields.put("keywords", 2f);
		fields.put("body", 1f);
		return fields;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	/** A runbook on its way to being suggested: its best tier and what it matched. */
	private static final class Candidate {

		final int ord;

		int tier;

		@Nullable Alert alert;

		final List<String> reasons = new ArrayList<>();

		int specificity;

		int alertsMatched;

		double textScore;

		Candidate(int ord) {
			this.ord = ord;
		}

		void hit(int hitTier, @Nullable Alert by, List<String> why) {
			if (alert == null) {
				alert = by;
			}
			tier = Math.max(tier, hitTier);
			for (String reason : why) {
				if (!reasons.contains(reason)) {
					reasons.add(reason);
				}
			}
		}

	}

}
