package dev.watchkeeper.slack.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.summary.llm.AiSummary.SkipReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AI summary reply is labelled, clickable nowhere, and every missing summary says
 * why.
 */
class AiSummaryMessagesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void replyIsALabelAndPlainTextWithoutAnythingToClick() {
		JsonNode blocks = JSON.readTree(AiSummaryMessages.blocksJson("pods restart after OOM kills"));

		assertThat(blocks).hasSize(2);
		assertThat(blocks.get(0).get("type").asString()).isEqualTo("context");
		assertThat(blocks.get(0).get("elements").get(0).get("text").asString())
			.isEqualTo(":sparkles: *AI summary* (generated; may be wrong — the facts above are authoritative)");
		assertThat(blocks.get(1).get("type").asString()).isEqualTo("section");
		assertThat(blocks.get(1).get("text").get("text").asString()).isEqualTo("pods restart after OOM kills");
		assertThat(blocks.get(1).has("accessory")).isFalse();
		assertThat(AiSummaryMessages.text("pods restart")).startsWith(":sparkles: *AI summary*")
			.endsWith("pods restart");
	}

	@Test
	void longAnswersFitSlacksSectionLimit() {
		JsonNode blocks = JSON.readTree(AiSummaryMessages.blocksJson("x".repeat(5000)));

		assertThat(blocks.get(1).get("text").get("text").asString()).hasSize(3000).endsWith("…");
	}

	@Test
	void everyReasonForNoSummaryIsExplained() {
		assertThat(AiSummaryMessages.skipped(SkipReason.DISABLED)).contains("WATCHKEEPER_LLM_ENABLED=true");
		assertThat(AiSummaryMessages.skipped(SkipReason.RATE_LIMITED)).contains("hourly limit");
		assertThat(AiSummaryMessages.skipped(SkipReason.BUDGET_EXHAUSTED)).contains("token budget");
		assertThat(AiSummaryMessages.skipped(SkipReason.TIMEOUT)).contains("did not answer in time");
		assertThat(Arrays.stream(SkipReason.values()).map(AiSummaryMessages::skipped)).doesNotHaveDuplicates();
	}

}
