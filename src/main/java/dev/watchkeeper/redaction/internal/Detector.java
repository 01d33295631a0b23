package dev.watchkeeper.redaction.internal;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds one kind of secret or personal data. Implementations must run in time linear in
 * the text: regular expressions anchored on a boundary with bounded or possessive
 * quantifiers, or hand-written scanners.
 */
public interface Detector {

	/**
	 * Names of what this finds (usually one); each appears in a placeholder
	 * {@code [REDACTED:<kind>]}, and each can be switched off by name.
	 */
	Set<String> kinds();

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
