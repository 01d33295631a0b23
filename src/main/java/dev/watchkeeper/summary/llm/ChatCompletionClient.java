package dev.watchkeeper.summary.llm;

import java.time.Duration;

/**
 * One chat-completions call with a system and a user message, no tools. The only seam to
 * the provider's SDK.
 */
public interface ChatCompletionClient {

	Completion complete(String system, String user, int maxOutputTokens, Duration timeout) throws CompletionFailed;

	/** The model's text and the tokens the provider counted (0 when it does not say). */
	record Completion(String text, long totalTokens) {
	}

	/** The provider did not answer usefully. */
	class CompletionFailed extends Exception {

		private final boolean timeout;

		public CompletionFailed(String message, boolean timeout, Throwable cause) {
			super(message, cause);
			this.timeout = timeout;
		}

		public boolean timeout() {
			return timeout;
		}

	}

}
