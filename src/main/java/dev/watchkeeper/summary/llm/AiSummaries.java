package dev.watchkeeper.summary.llm;

import dev.watchkeeper.summary.llm.AiSummary.SkipReason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the configured model for a short reading of an incident, within the per-channel
 * rate limit, the daily token budget and the timeout. Every failure ends in
 * {@link AiSummary.Skipped}: the deterministic summary is the default and the fallback.
 * The answer is text to display; nothing here can create, approve or run an action.
 */
public class AiSummaries {

	private static final Logger log = LoggerFactory.getLogger(AiSummaries.class);

	private final LlmProperties properties;

	private final ChatCompletionClient client;

	private final PromptBuilder prompts;

	private final AnswerSanitizer sanitizer;

	private final ChannelRateLimiter rateLimiter;

	private final DailyTokenBudget budget;

	private final MeterRegistry meters;

	public AiSummaries(LlmProperties properties, ChatCompletionClient client, PromptBuilder prompts,
			AnswerSanitizer sanitizer, Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.client = client;
		this.prompts = prompts;
		this.sanitizer = sanitizer;
		this.rateLimiter = new ChannelRateLimiter(properties.perChannelPerHour(), clock);
		this.budget = new DailyTokenBudget(properties.dailyTokenBudget(), clock);
		this.meters = meters;
		meters.gauge("watchkeeper.llm.tokens.today", budget, DailyTokenBudget::usedToday);
	}

	public boolean enabled() {
		return properties.enabled();
	}

	public AiSummary summarize(String channel, IncidentFacts facts) {
		if (!properties.enabled()) {
			return skipped(SkipReason.DISABLED);
		}
		String system = prompts.system();
		String user = prompts.user(facts);
		// about four characters per token for English text; the answer is bounded
		// separately
		long estimate = (system.length() + user.length()) / 4 + properties.maxOutputTokens();
		if (!budget.reserve(estimate)) {
			return skipped(SkipReason.BUDGET_EXHAUSTED);
		}
		if (!rateLimiter.tryAcquire(channel)) {
			budget.settle(estimate, 0);
			return skipped(SkipReason.RATE_LIMITED);
		}
		Timer.Sample sample = Timer.start(meters);
		try {
			ChatCompletionClient.Completion completion = client.complete(system, user, properties.maxOutputTokens(),
					properties.timeout());
			budget.settle(estimate, completion.totalTokens() > 0 ? completion.totalTokens() : estimate);
			String text = sanitizer.sanitize(completion.text());
			if (text.isBlank()) {
				return skipped(SkipReason.EMPTY_ANSWER);
			}
			meters.counter("watchkeeper.llm.summaries", "outcome", "generated").increment();
			return new AiSummary.Generated(text, completion.totalTokens());
		}
		catch (ChatCompletionClient.CompletionFailed ex) {
			budget.settle(estimate, 0);
			log.warn("AI summary unavailable ({}); showing the deterministic summary only", ex.getMessage());
			return skipped(ex.timeout() ? SkipReason.TIMEOUT : SkipReason.PROVIDER_ERROR);
		}
		finally {
			sample.stop(meters.timer("watchkeeper.llm.latency"));
		}
	}

	private AiSummary skipped(SkipReason reason) {
		meters.counter("watchkeeper.llm.summaries", "outcome", reason.tag()).increment();
		return new AiSummary.Skipped(reason);
	}

}
