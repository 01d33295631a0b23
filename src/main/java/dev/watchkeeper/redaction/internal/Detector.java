package dev.watchkeeper.redaction.internal;

import java.util.function.Consumer;

/**
 * Finds one kind of secret or personal data. Implementations must run in time linear in
 * the text: regular expressions anchored on a boundary with bounded or possessive
 * quantifiers, or hand-written scanners.
 */
public interface Detector {

	/**
	 * Name of what this finds; it appears in the placeholder {@code [REDACTED:<kind>]}.
	 */
	String kind();

	/**
	 * Lower wins when two detectors claim overlapping text: specific token formats (a
	 * GitHub token is always a GitHub token) beat contextual ones ({@code password=...}),
	 * which beat personal-data patterns.
	 */
	int priority();

	/**
	 * Reports every span to replace; the text may throw {@link BudgetExceeded} while
	 * being read.
	 */
	void find(ScanText text, Consumer<Span> found);

}
