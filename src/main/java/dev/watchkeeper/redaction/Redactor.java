package dev.watchkeeper.redaction;

import dev.watchkeeper.redaction.internal.BuiltInDetectors;
import dev.watchkeeper.redaction.internal.DeadlineCharSequence;
import dev.watchkeeper.redaction.internal.Detector;
import dev.watchkeeper.redaction.internal.NestedQuantifierGuard;
import dev.watchkeeper.redaction.internal.RegexDetector;
import dev.watchkeeper.redaction.internal.ScanText;
import dev.watchkeeper.redaction.internal.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Replaces secrets and personal data in text with typed placeholders such as
 * {@code [REDACTED:aws-access-key-id]}. Everything Watchkeeper sends out (Slack text,
 * logs, audit details, LLM prompts) goes through one of these first.
 *
 * <p>
 * Redaction is idempotent (placeholders are never matched again) and fails closed: if a
 * detector throws or the time budget runs out, the whole text is replaced by
 * {@link #WITHHELD}. Instances are immutable and thread-safe.
 */
public final class Redactor {

	/** What a caller gets instead of the text when redaction threw or ran out of time. */
	public static final String WITHHELD = "[content withheld: redaction failed]";

	/** Kind of the single finding of a withheld result. */
	public static final String WITHHELD_KIND = "withheld";

	/**
	 * Default time budget per call: far above the ~20 ms a megabyte of log text takes.
	 */
	public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(2);

	private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	/**
	 * Text this or an earlier redaction produced; nothing inside it is redacted again.
	 */
	private static final Pattern PLACEHOLDER = Pattern
		.compile("\\[REDACTED:[a-z0-9][a-z0-9-]{0,62}+\\]|" + Pattern.quote(WITHHELD));

	private static final int PERSONAL_DATA_PRIORITY = BuiltInDetectors.PERSONAL_DATA_PRIORITY;

	private static final Set<String> BUILT_IN_KINDS = Collections
		.unmodifiableSet(new TreeSet<>(BuiltInDetectors.kinds()));

	private static final Redactor STANDARD = builder().build();

	private final List<Detector> detectors;

	private final Set<String> allowedValues;

	private final List<Pattern> allowedPatterns;

	private final long budgetNanos;

	private final LongSupplier ticker;

	private final Set<String> disabledKinds;

	private Redactor(Builder builder) {
		List<Detector> all = new ArrayList<>(builder.customDetectors);
		for (Detector detector : BuiltInDetectors.all(builder.redactIpAddresses)) {
			if (!builder.disabledKinds.containsAll(detector.kinds())) {
				all.add(detector);
			}
		}
		this.detectors = List.copyOf(all);
		this.disabledKinds = Set.copyOf(builder.disabledKinds);
		this.allowedValues = Set.copyOf(builder.allowedValues);
		this.allowedPatterns = List.copyOf(builder.allowedPatterns);
		this.budgetNanos = builder.timeBudget.toNanos();
		this.ticker = builder.ticker;
	}

	/**
	 * All built-in detectors, IP addresses left alone, no allow-list, the default time
	 * budget.
	 */
	public static Redactor standard() {
		return STANDARD;
	}

	/**
	 * Starts from {@link #standard()}'s settings; add custom detectors, allow-list
	 * entries, IP addresses.
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Names of the built-in detectors, as they appear in placeholders ({@code ip-address}
	 * included): what {@link Builder#disable(String)} accepts.
	 */
	public static Set<String> builtInKinds() {
		return BUILT_IN_KINDS;
	}

	/** The placeholder that replaces a finding of this kind. */
	public static String placeholder(String kind) {
		return "[REDACTED:" + kind + "]";
	}

	/**
	 * Redacts the text. Never throws for any input and never returns the raw text when
	 * something goes wrong: a failure or an exhausted time budget yields
	 * {@link #WITHHELD} with one finding of kind {@link #WITHHELD_KIND}.
	 */
	public Redacted redact(String text) {
		Objects.requireNonNull(text, "text");
		if (text.isEmpty()) {
			return new Redacted(text, List.of());
		}
		try {
			return redactWithin(text, ticker.getAsLong() + budgetNanos);
		}
		catch (RuntimeException | StackOverflowError ex) {
			// BudgetExceeded is a RuntimeException: out of time is handled like any
			// failure
			// a custom pattern with nested quantifiers overflows the stack on long input;
			// withhold, never leak
			return new Redacted(WITHHELD, List.of(new Finding(WITHHELD_KIND, 0, text.length())));
		}
	}

	private Redacted redactWithin(String text, long deadline) {
		DeadlineCharSequence input = new DeadlineCharSequence(text, ticker, deadline);
		ScanText scan = new ScanText(input);
		List<int[]> placeholders = placeholders(input, scan.lowerCase());
		List<Span> candidates = new ArrayList<>();
		for (Detector detector : detectors) {
			detector.find(scan, span -> {
				// a detector reporting several kinds (the YAML block one) may have some
				// of
				// them switched off
				if (!disabledKinds.contains(span.kind()) && !insidePlaceholder(span, placeholders)
						&& !allowed(text.substring(span.start(), span.end()), deadline)) {
					candidates.add(span);
				}
			});
			input.checkDeadline();
		}
		if (candidates.isEmpty()) {
			return new Redacted(text, List.of());
		}
		return replace(text, resolveOverlaps(candidates));
	}

	private static List<int[]> placeholders(CharSequence input, String lowerCase) {
		if (!lowerCase.contains("[redacted:") && !lowerCase.contains("[content withheld")) {
			return List.of();
		}
		List<int[]> spans = new ArrayList<>();
		Matcher matcher = PLACEHOLDER.matcher(input);
		while (matcher.find()) {
			spans.add(new int[] { matcher.start(), matcher.end() });
		}
		return spans;
	}

	private static boolean insidePlaceholder(Span span, List<int[]> placeholders) {
		for (int[] placeholder : placeholders) {
			if (span.overlaps(placeholder[0], placeholder[1])) {
				return true;
			}
		}
		return false;
	}

	private boolean allowed(String value, long deadline) {
		if (allowedValues.contains(value)) {
			return true;
		}
		for (Pattern pattern : allowedPatterns) {
			// through the deadline view too: an allow pattern from settings is as
			// untrusted a regex as a custom detector
			if (pattern.matcher(new DeadlineCharSequence(value, ticker, deadline)).matches()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Picks one kind per stretch of text. Candidates are taken in priority order; one
	 * that overlaps spans already taken is dropped if they cover it or if it is personal
	 * data, and otherwise merged with them into one span (keeping the stronger kind), so
	 * that no part of any detected secret is left out.
	 */
	private static List<Span> resolveOverlaps(List<Span> candidates) {
		candidates.sort(Comparator.comparingInt(Span::priority)
			.thenComparingInt(Span::start)
			.thenComparing(Comparator.comparingInt(Span::end).reversed()));
		TreeMap<Integer, Span> taken = new TreeMap<>();
		for (Span candidate : candidates) {
			List<Span> overlapping = new ArrayList<>();
			Map.Entry<Integer, Span> before = taken.lowerEntry(candidate.start());
			if (before != null && before.getValue().end() > candidate.start()) {
				overlapping.add(before.getValue());
			}
			overlapping.addAll(taken.subMap(candidate.start(), true, candidate.end(), false).values());
			if (overlapping.isEmpty()) {
				taken.put(candidate.start(), candidate);
				continue;
			}
			if (covers(overlapping, candidate) || candidate.priority() >= PERSONAL_DATA_PRIORITY) {
				// personal data overlapping a secret is dropped rather than merged: in
				// user:pass@db.example.com the
				// "e-mail" pass@db.example.com would otherwise take the host name with it
				continue;
			}
			int start = Math.min(candidate.start(), overlapping.get(0).start());
			int end = Math.max(candidate.end(), overlapping.get(overlapping.size() - 1).end());
			Span strongest = overlapping.stream().min(Comparator.comparingInt(Span::priority)).orElseThrow();
			overlapping.forEach(span -> taken.remove(span.start()));
			taken.put(start, new Span(strongest.kind(), strongest.priority(), start, end));
		}
		return new ArrayList<>(taken.values());
	}

	/** Whether the taken spans (disjoint, in order) leave no gap under the candidate. */
	private static boolean covers(List<Span> overlapping, Span candidate) {
		int reached = candidate.start();
		for (Span span : overlapping) {
			if (span.start() > reached) {
				return false;
			}
			reached = Math.max(reached, span.end());
		}
		return reached >= candidate.end();
	}

	private static Redacted replace(String text, List<Span> spans) {
		StringBuilder out = new StringBuilder(text.length());
		List<Finding> findings = new ArrayList<>(spans.size());
		int copied = 0;
		for (Span span : spans) {
			out.append(text, copied, span.start()).append(placeholder(span.kind()));
			findings.add(new Finding(span.kind(), span.start(), span.end()));
			copied = span.end();
		}
		out.append(text, copied, text.length());
		return new Redacted(out.toString(), findings);
	}

	/** Settings for a {@link Redactor}; every method returns this builder. */
	public static final class Builder {

		private final List<Detector> customDetectors = new ArrayList<>();

		private final Set<String> allowedValues = new LinkedHashSet<>();

		private final List<Pattern> allowedPatterns = new ArrayList<>();

		private final Set<String> customKinds = new LinkedHashSet<>();

		private final Set<String> disabledKinds = new LinkedHashSet<>();

		private boolean redactIpAddresses;

		private Duration timeBudget = DEFAULT_TIME_BUDGET;

		private LongSupplier ticker = System::nanoTime;

		private Builder() {
		}

		/**
		 * Adds a detector. Its matches (or, if the regex has a group named
		 * {@code secret}, that group) become {@code [REDACTED:<kind>]}. Custom detectors
		 * win overlaps against the built-in ones.
		 * @param kind lower-case letters, digits and dashes, e.g. {@code acme-api-key}
		 * @param regex a Java regular expression that cannot match the empty string
		 * @throws IllegalArgumentException with a message naming the detector if the kind
		 * or regex is invalid
		 */
		public Builder detector(String kind, String regex) {
			if (kind == null || !KIND.matcher(kind).matches()) {
				throw new IllegalArgumentException("custom detector name '" + kind
						+ "' must be lower-case letters, digits and dashes (at most 63), e.g. acme-api-key");
			}
			if (kind.equals(WITHHELD_KIND)) {
				throw new IllegalArgumentException("custom detector name '" + kind + "' is reserved");
			}
			Pattern pattern = compile("custom detector '" + kind + "'", regex);
			refuseNestedQuantifiers("custom detector '" + kind + "'", regex);
			if (pattern.matcher("").matches()) {
				throw new IllegalArgumentException(
						"custom detector '" + kind + "' matches the empty string, so it would match everywhere");
			}
			customDetectors.add(RegexDetector.custom(kind, pattern));
			customKinds.add(kind);
			return this;
		}

		/**
		 * A literal value that is never redacted (compared with the exact text a detector
		 * would replace).
		 */
		public Builder allow(String value) {
			if (value == null || value.isEmpty()) {
				throw new IllegalArgumentException("allow-list values must not be empty");
			}
			allowedValues.add(value);
			return this;
		}

		/**
		 * A regex; a detected value that matches it entirely is never redacted, e.g.
		 * {@code .*EXAMPLE.*}.
		 */
		public Builder allowPattern(String regex) {
			Pattern pattern = compile("allow-list pattern", regex);
			refuseNestedQuantifiers("allow-list pattern '" + regex + "'", regex);
			allowedPatterns.add(pattern);
			return this;
		}

		/**
		 * Switches a built-in detector off by the kind it reports, e.g.
		 * {@code phone-number} where order numbers keep being taken for phone numbers.
		 * Every detector of that kind goes (the one-line and the YAML-block
		 * {@code password} detectors alike).
		 * @throws IllegalArgumentException naming the valid kinds if there is no such
		 * built-in kind
		 */
		public Builder disable(String kind) {
			if (kind == null || !BUILT_IN_KINDS.contains(kind)) {
				throw new IllegalArgumentException("unknown detector '" + kind + "'; the built-in detectors are "
						+ String.join(", ", BUILT_IN_KINDS));
			}
			disabledKinds.add(kind);
			return this;
		}

		/**
		 * Also redact IPv4 and IPv6 addresses (off by default: on-call engineers need
		 * them).
		 */
		public Builder redactIpAddresses(boolean redact) {
			this.redactIpAddresses = redact;
			return this;
		}

		/**
		 * Longest one {@link Redactor#redact(String)} call may take before it withholds
		 * the text.
		 */
		public Builder timeBudget(Duration budget) {
			if (budget == null || budget.isNegative() || budget.isZero()) {
				throw new IllegalArgumentException("redaction time budget must be positive, was " + budget);
			}
			this.timeBudget = budget;
			return this;
		}

		/**
		 * Source of monotonic nanoseconds for the time budget; {@code System::nanoTime}
		 * unless a test needs a clock it controls. Not wall-clock time, so not a
		 * {@link java.time.Clock}.
		 */
		Builder ticker(LongSupplier ticker) {
			this.ticker = Objects.requireNonNull(ticker);
			return this;
		}

		/**
		 * @throws IllegalArgumentException if IP addresses are both asked for and
		 * disabled
		 */
		public Redactor build() {
			if (redactIpAddresses && disabledKinds.contains("ip-address")) {
				throw new IllegalArgumentException(
						"ip-address is disabled and IP address redaction is switched on at the same time");
			}
			return new Redactor(this);
		}

		private static void refuseNestedQuantifiers(String what, String regex) {
			NestedQuantifierGuard.find(regex).ifPresent(part -> {
				throw new IllegalArgumentException(what + " repeats a group that holds a repeated part, " + part
						+ ", which can take exponential time on text that almost matches;"
						+ " make a quantifier possessive (++, *+) or the group atomic (?>...)");
			});
		}

		private static Pattern compile(String what, String regex) {
			if (regex == null || regex.isEmpty()) {
				throw new IllegalArgumentException(what + " has no regular expression");
			}
			try {
				return Pattern.compile(regex);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException(what + " is not a valid regular expression: " + ex.getDescription()
						+ " near index " + ex.getIndex());
			}
		}

	}

}
