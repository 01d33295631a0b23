package dev.watchkeeper.summary.llm;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.core.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the optional AI summaries. Off by default; the deterministic summary is
 * always shown.
 *
 * @param enabled turns the feature on
 * @param baseUrl API root of any OpenAI-compatible server; requests go to
 * {@code {base-url}/chat/completions}
 * @param model model name the server knows
 * @param apiKey bearer key ({@code WATCHKEEPER_LLM_API_KEY}); optional for local servers
 * such as Ollama
 * @param timeout whole-request deadline; after it the deterministic summary stands alone
 * @param maxInputChars upper bound of the prompt built from incident data
 * @param maxOutputTokens upper bound of the answer
 * @param maxAlertsInPrompt alerts described individually; the rest are counted
 * @param perChannelPerHour AI summaries per channel and hour
 * @param dailyTokenBudget tokens (prompt + answer) per UTC day across all channels
 * @param autoSummarize summarize every new incident without being asked
 * @param autoSummarizeChannels limit automatic mode to these channel ids (empty: all)
 */
@ConfigurationProperties("watchkeeper.llm")
public record LlmProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("https://api.openai.com/v1") URI baseUrl, @DefaultValue("gpt-4o-mini") String model,
		@Nullable Secret apiKey, @DefaultValue("10s") Duration timeout, @DefaultValue("12000") int maxInputChars,
		@DefaultValue("400") int maxOutputTokens, @DefaultValue("20") int maxAlertsInPrompt,
		@DefaultValue("6") int perChannelPerHour, @DefaultValue("200000") long dailyTokenBudget,
		@DefaultValue("false") boolean autoSummarize, @DefaultValue List<String> autoSummarizeChannels) {

	public LlmProperties {
		if (enabled && (timeout.isZero() || timeout.isNegative())) {
			throw new InvalidConfiguration("watchkeeper.llm.timeout must be positive");
		}
		if (maxInputChars < 1000) {
			throw new InvalidConfiguration("watchkeeper.llm.max-input-chars must be at least 1000");
		}
		if (perChannelPerHour < 0 || dailyTokenBudget < 0) {
			throw new InvalidConfiguration("watchkeeper.llm rate limit and token budget cannot be negative");
		}
		autoSummarizeChannels = List.copyOf(autoSummarizeChannels);
	}

	/** Whether automatic mode covers this channel. */
	public boolean autoSummarizes(String channel) {
		return enabled && autoSummarize && (autoSummarizeChannels.isEmpty() || autoSummarizeChannels.contains(channel));
	}
}
