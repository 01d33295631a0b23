package dev.watchkeeper.redaction.internal;

/**
 * Thrown from inside a scan when the redactor's time budget is spent; the caller
 * withholds the text.
 */
public final class BudgetExceeded extends RuntimeException {

	public BudgetExceeded() {
		// no stack trace: this is control flow out of a regular expression, thrown on a
		// hot path
		super("redaction time budget exceeded", null, false, false);
	}

}
