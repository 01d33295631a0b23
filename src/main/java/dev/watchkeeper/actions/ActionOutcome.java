package dev.watchkeeper.actions;

import java.util.Objects;

/**
 * What happened when an action ran. An action that cannot tell whether its effect took
 * place (a timeout after the request was sent) says {@link Unknown}; the reconciler later
 * settles it with {@link Action#verify}.
 */
public sealed interface ActionOutcome permits ActionOutcome.Succeeded, ActionOutcome.Failed, ActionOutcome.Unknown {

	static ActionOutcome succeeded(String summary) {
		return new Succeeded(summary);
	}

	static ActionOutcome failed(String error) {
		return new Failed(error);
	}

	static ActionOutcome unknown(String why) {
		return new Unknown(why);
	}

	/** e.g. "revoked and verified gone". */
	record Succeeded(String summary) implements ActionOutcome {

		public Succeeded {
			Objects.requireNonNull(summary, "summary");
		}
	}

	/**
	 * The effect is known not to be in place; the error is shown (redacted) to the
	 * channel.
	 */
	record Failed(String error) implements ActionOutcome {

		public Failed {
			Objects.requireNonNull(error, "error");
		}
	}

	/** The effect may or may not be in place. */
	record Unknown(String why) implements ActionOutcome {

		public Unknown {
			Objects.requireNonNull(why, "why");
		}
	}

}
