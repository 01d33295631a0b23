package dev.watchkeeper;

import dev.watchkeeper.core.InvalidConfiguration;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a contradictory setting as one clear line instead of a stack trace. */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfiguration> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfiguration cause) {
		return new FailureAnalysis(cause.getMessage(), "Fix the setting named above and start Watchkeeper again.",
				cause);
	}

}
