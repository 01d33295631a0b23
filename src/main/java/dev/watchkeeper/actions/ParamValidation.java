package dev.watchkeeper.actions;

import java.util.List;

/**
 * The answer to "are these parameters acceptable?": the validated parameters, or every
 * problem found.
 */
public sealed interface ParamValidation permits ParamValidation.Valid, ParamValidation.Invalid {

	/** The parameters are acceptable. */
	record Valid(ActionParams params) implements ParamValidation {
	}

	/**
	 * Each problem in words a user can act on, e.g.
	 * {@code missing required parameter 'lease_id'}.
	 */
	record Invalid(List<String> problems) implements ParamValidation {

		public Invalid {
			problems = List.copyOf(problems);
		}

		public String message() {
			return String.join("; ", problems);
		}
	}

}
