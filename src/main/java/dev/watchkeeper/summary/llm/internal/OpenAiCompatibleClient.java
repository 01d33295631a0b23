package dev.watchkeeper.summary.llm.internal;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.watchkeeper.summary.llm.ChatCompletionClient;
import dev.watchkeeper.summary.llm.LlmProperties;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Chat completions through the official OpenAI Java SDK against any OpenAI-compatible
 * base URL. No tools are offered, no retries are made (a retry would blow the deadline;
 * the deterministic summary is the fallback).
 */
public class OpenAiCompatibleClient implements ChatCompletionClient {

	private final OpenAIClient client;

	private final String model;

	// own threads: the common pool has one thread on a 2-core machine, and a hung call
	// would block the next one
	private final ExecutorService calls = new ThreadPoolExecutor(0, 8, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
			runnable -> {
				Thread thread = new Thread(runnable, "llm-call");
				thread.setDaemon(true);
				return thread;
			});

	public OpenAiCompatibleClient(LlmProperties properties) {
		this.client = OpenAIOkHttpClient.builder()
			.baseUrl(properties.baseUrl().toString())
			.apiKey(properties.apiKey() == null ? "not-needed" : properties.apiKey().reveal())
			.timeout(properties.timeout())
			.maxRetries(0)
			.build();
		this.model = properties.model();
	}

	@Override
	public Completion complete(String system, String user, int maxOutputTokens, Duration timeout)
			throws CompletionFailed {
		ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
			.model(model)
			.addSystemMessage(system)
			.addUserMessage(user)
			.maxTokens(maxOutputTokens)
			.temperature(0.2)
			.build();
		// the SDK's timeout bounds each phase; this bounds the whole call
		CompletableFuture<ChatCompletion> call;
		try {
			call = CompletableFuture.supplyAsync(() -> client.chat().completions().create(params), calls);
		}
		catch (RejectedExecutionException ex) {
			throw new CompletionFailed("too many AI summaries in flight", false, ex);
		}
		try {
			ChatCompletion completion = call.get(timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
			String text = completion.choices().isEmpty() ? ""
					: completion.choices().get(0).message().content().orElse("");
			long tokens = completion.usage().map(u -> u.totalTokens()).orElse(0L);
			return new Completion(text, tokens);
		}
		catch (TimeoutException ex) {
			call.cancel(true);
			throw new CompletionFailed("no answer within " + timeout.toMillis() + " ms", true, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CompletionFailed("interrupted", false, ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof OpenAIServiceException service) {
				throw new CompletionFailed("provider answered HTTP " + service.statusCode(), false, service);
			}
			if (cause instanceof OpenAIIoException io && isTimeout(io)) {
				throw new CompletionFailed("provider timed out", true, io);
			}
			if (cause instanceof OpenAIException openAi) {
				throw new CompletionFailed("provider call failed: " + openAi.getClass().getSimpleName(), false, openAi);
			}
			throw new CompletionFailed("provider call failed: " + cause, false, cause);
		}
	}

	private static boolean isTimeout(Throwable error) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (t instanceof InterruptedIOException) {
				return true;
			}
		}
		return false;
	}

}
