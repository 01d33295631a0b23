package dev.watchkeeper.summary.llm;

import dev.watchkeeper.core.FeatureReport;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.summary.llm.internal.OpenAiCompatibleClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the AI summaries; the provider client is built only when the feature is on. */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ChatCompletionClient chatCompletionClient(LlmProperties properties) {
		if (!properties.enabled()) {
			return (system, user, max, timeout) -> {
				throw new ChatCompletionClient.CompletionFailed("AI summaries are disabled", false, null);
			};
		}
		return new OpenAiCompatibleClient(properties);
	}

	@Bean
	AiSummaries aiSummaries(LlmProperties properties, ChatCompletionClient client, ObjectProvider<Redactor> redactor,
			Clock clock, MeterRegistry meters) {
		Redactor active = redactor.getIfAvailable(Redactor::standard);
		return new AiSummaries(properties, client,
				new PromptBuilder(active, properties.maxInputChars(), properties.maxAlertsInPrompt()),
				new AnswerSanitizer(active), clock, meters);
	}

	@Bean
	FeatureReport llmFeatures(LlmProperties properties) {
		return () -> List.of(new FeatureReport.Feature("AI summaries (" + properties.baseUrl() + ")",
				properties.enabled(),
				"set WATCHKEEPER_LLM_ENABLED=true, WATCHKEEPER_LLM_BASE_URL, WATCHKEEPER_LLM_MODEL and WATCHKEEPER_LLM_API_KEY"));
	}

}
