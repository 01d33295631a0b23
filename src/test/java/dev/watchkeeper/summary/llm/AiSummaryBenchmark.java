package dev.watchkeeper.summary.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.watchkeeper.core.Secret;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.summary.llm.internal.OpenAiCompatibleClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an AI summary adds: latency per summary against a local OpenAI-compatible fake
 * that answers at once (so the number is Watchkeeper's own cost: redaction, prompt
 * building, the SDK, HTTP on loopback, sanitizing), and the prompt size for a 1,000-alert
 * incident. Run: {@code ./mvnw -Pbench test -Dtest=AiSummaryBenchmark}.
 */
class AiSummaryBenchmark {

	@Test
	void addedLatencyAndPromptSize() {
		WireMockServer fake = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		fake.start();
		try {
			fake.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(
					okJson("""
							{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
							"finish_reason":"stop","message":{"role":"assistant","content":"- checkout-api restarts after OOM"}}],
							"usage":{"prompt_tokens":900,"completion_tokens":20,"total_tokens":920}}""")));
			LlmProperties properties = new LlmProperties(true, URI.create("http://127.0.0.1:" + fake.port() + "/v1"),
					"m", Secret.of("k"), Duration.ofSeconds(30), 12_000, 400, 20, 1_000_000, Long.MAX_VALUE / 4, false,
					List.of());
			Redactor redactor = Redactor.standard();
			AiSummaries summaries = new AiSummaries(properties, new OpenAiCompatibleClient(properties),
					new PromptBuilder(redactor, properties.maxInputChars(), properties.maxAlertsInPrompt()),
					new AnswerSanitizer(redactor), Clock.systemUTC(), new SimpleMeterRegistry());
			IncidentFacts thousand = incident(1000);
			for (int i = 0; i < 30; i++) {
				summaries.summarize("C" + i, thousand);
			}
			long[] nanos = new long[200];
			for (int i = 0; i < nanos.length; i++) {
				long start = System.nanoTime();
				AiSummary result = summaries.summarize("C" + (i % 50), thousand);
				nanos[i] = System.nanoTime() - start;
				assertThat(result).isInstanceOf(AiSummary.Generated.class);
			}
			Arrays.sort(nanos);
			String body = fake.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0).getBodyAsString();
			String user = new PromptBuilder(redactor, 12_000, 20).user(thousand);
			System.out.printf("AI summary added latency (fake answers at once), 200 runs: p50 %.1f ms, p99 %.1f ms%n",
					nanos[100] / 1e6, nanos[197] / 1e6);
			System.out.printf(
					"1,000-alert incident: user prompt %d chars, system prompt %d chars, request body %d bytes%n",
					user.length(), PromptBuilder.SYSTEM.length(), body.length());
		}
		finally {
			fake.stop();
		}
	}

	private static IncidentFacts incident(int alerts) {
		List<IncidentFacts.AlertFact> facts = new ArrayList<>();
		Instant start = Instant.parse("2026-12-01T10:00:00Z");
		for (int i = 0; i < alerts; i++) {
			facts.add(new IncidentFacts.AlertFact("firing",
					Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "pod", "checkout-api-7d9f-" + i,
							"cluster", "prod-eu-1", "severity", "critical"),
					Map.of("summary", "Pod is crash looping", "description",
							"Pod shop/checkout-api-7d9f-" + i + " (container api) is restarting 4 times / 10 minutes."),
					start.plusSeconds(i), null));
		}
		return new IncidentFacts("KubePodCrashLooping", "critical", "firing", alerts, 0,
				Map.of("alertname", "KubePodCrashLooping", "namespace", "shop"), facts, List.of());
	}

}
