package dev.watchkeeper.approvals;

import java.util.Objects;

/**
 * The result of asking an {@link ActionRequest} to change state: the changed request, or
 * why it refuses.
 */
public sealed interface Transition permits Transition.Applied, Transition.Refused {

	/**
	 * The state change is legal; {@code next} still has to be stored by compare-and-set.
	 */
	record Applied(ActionRequest next) implements Transition {

		public Applied {
			Objects.requireNonNull(next, "next");
		}
	}

	/**
	 * Refused, with a reason the clicking user can read, e.g. "you requested this
	 * action".
	 */
	record Refused(String reason) implements Transition {

		public Refused {
			Objects.requireNonNull(reason, "reason");
		}
	}

}
