package dev.watchkeeper.redaction.internal;

import java.util.function.LongSupplier;

/**
 * The text as a {@link CharSequence} that throws {@link BudgetExceeded} once a deadline
 * passes. A regular expression reads its input only through {@code charAt}, so this
 * bounds the time of any pattern, including a custom one written with a catastrophic
 * nested quantifier, without a second thread.
 */
public final class DeadlineCharSequence implements CharSequence {

	/**
	 * Reading the clock costs ~20 ns; checking every 4096 characters keeps that below
	 * 0.1% of a scan.
	 */
	private static final int CHECK_EVERY = 4096;

	private final String text;

	private final LongSupplier ticker;

	private final long deadline;

	private int untilCheck = CHECK_EVERY;

	public DeadlineCharSequence(String text, LongSupplier ticker, long deadline) {
		this.text = text;
		this.ticker = ticker;
		this.deadline = deadline;
	}

	@Override
	public int length() {
		return text.length();
	}

	@Override
	public char charAt(int index) {
		if (--untilCheck == 0) {
			untilCheck = CHECK_EVERY;
			checkDeadline();
		}
		return text.charAt(index);
	}

	/** Throws if the budget is spent; also called between detectors. */
	public void checkDeadline() {
		if (ticker.getAsLong() - deadline > 0) {
			throw new BudgetExceeded();
		}
	}

	@Override
	public CharSequence subSequence(int start, int end) {
		return text.substring(start, end);
	}

	@Override
	public String toString() {
		return text;
	}

}
