package dev.watchkeeper.slack.summary;

import dev.watchkeeper.summary.llm.AiSummary.SkipReason;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AI summary thread reply and the reasons for its absence, as pure functions. The
 * reply carries no buttons and no mentions: the answer is already sanitized and is shown
 * as plain mrkdwn text.
 */
final class AiSummaryMessages {

	static final String LABEL = ":sparkles: *AI summary* (generated; may be wrong — the facts above are authoritative)";

	/** Slack's limit for a section's text. */
	private static final int SECTION_TEXT = 3000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AiSummaryMessages() {
	}

	/** Notification text (also the fallback when blocks cannot be shown). */
	static String text(String answer) {
		return fit(LABEL + "\n" + answer, 3900);
	}

	/**
	 * A context block with the label and a section with the answer: nothing a user can
	 * click.
	 */
	static String blocksJson(String answer) {
		ArrayNode blocks = JSON.createArrayNode();
		ObjectNode context = blocks.addObject().put("type", "context");
		context.putArray("elements").addObject().put("type", "mrkdwn").put("text", LABEL);
		blocks.addObject()
			.put("type", "section")
			.putObject("text")
			.put("type", "mrkdwn")
			.put("text", fit(answer, SECTION_TEXT));
		return JSON.writeValueAsString(blocks);
	}

	static String working() {
		return ":hourglass_flowing_sand: Working on an AI summary; it will appear in the incident's thread.";
	}

	/** Why no AI summary was posted, for the person who asked. */
	static String skipped(SkipReason reason) {
		return switch (reason) {
			case DISABLED ->
				":information_source: AI summaries are off in this Watchkeeper. Set `WATCHKEEPER_LLM_ENABLED=true`"
						+ " (with `WATCHKEEPER_LLM_BASE_URL`, `WATCHKEEPER_LLM_MODEL` and `WATCHKEEPER_LLM_API_KEY`) to turn them on.";
			case RATE_LIMITED -> ":no_entry_sign: No AI summary: this channel reached its hourly limit"
					+ " (`WATCHKEEPER_LLM_PER_CHANNEL_PER_HOUR`). The incident message above has the facts.";
			case BUDGET_EXHAUSTED -> ":no_entry_sign: No AI summary: today's token budget is used up"
					+ " (`WATCHKEEPER_LLM_DAILY_TOKEN_BUDGET`). The incident message above has the facts.";
			case TIMEOUT -> ":warning: No AI summary: the model did not answer in time (`WATCHKEEPER_LLM_TIMEOUT`)."
					+ " The incident message above has the facts.";
			case PROVIDER_ERROR -> ":warning: No AI summary: the model server returned an error."
					+ " The incident message above has the facts.";
			case EMPTY_ANSWER -> ":warning: No AI summary: the model's answer was empty after redaction."
					+ " The incident message above has the facts.";
		};
	}

	private static String fit(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

}
