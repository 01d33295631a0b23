package dev.watchkeeper.summary.llm;

/**
 * The outcome of asking for an AI summary: text to show beside the facts, or why there is
 * none.
 */
public sealed interface AiSummary {

	/**
	 * A sanitized answer: redacted, Slack-escaped, no mentions, no links; plain text to
	 * show, never to act on.
	 */
	record Generated(String text, long tokens) implements AiSummary {
	}

	/** No AI summary this time; the deterministic summary stands alone. */
	record Skipped(SkipReason reason) implements AiSummary {
	}

	/**
	 * Why there is no AI summary; each is counted in {@code watchkeeper.llm.summaries}.
	 */
	enum SkipReason {

		DISABLED, RATE_LIMITED, BUDGET_EXHAUSTED, TIMEOUT, PROVIDER_ERROR, EMPTY_ANSWER;

		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

	}

}
