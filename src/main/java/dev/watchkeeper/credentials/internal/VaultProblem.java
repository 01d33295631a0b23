package dev.watchkeeper.credentials.internal;

import java.time.Duration;
import java.util.List;

/**
 * Why a Vault call did not give an answer Watchkeeper can act on, named as a fact. The
 * message is the sentence a person reads in Slack; it never contains a token.
 * {@link #mayHaveActed()} tells whether Vault could have carried out a write anyway, in
 * which case only a lookup can settle the outcome.
 */
abstract sealed class VaultProblem extends RuntimeException
		permits VaultProblem.NotFoundInVault, VaultProblem.PolicyLacksCapability, VaultProblem.VaultUnavailable,
		VaultProblem.VaultDidNotAnswer, VaultProblem.VaultFailed {

	VaultProblem(String message) {
		super(message, null, false, false);
	}

	/** True when a write may have been carried out although no success was seen. */
	abstract boolean mayHaveActed();

	/** The lease, accessor or role does not exist (expired, revoked, or never did). */
	static final class NotFoundInVault extends VaultProblem {

		NotFoundInVault(String what) {
			super(what + " not found in Vault (expired, already revoked, or never existed)");
		}

		@Override
		boolean mayHaveActed() {
			return false;
		}

	}

	/**
	 * Vault answered 403 to a valid token: the policy does not grant what this call
	 * needs.
	 */
	static final class PolicyLacksCapability extends VaultProblem {

		private final String capability;

		private final String path;

		PolicyLacksCapability(String capability, String path) {
			super("Watchkeeper's Vault policy lacks " + capability + " on " + path);
			this.capability = capability;
			this.path = path;
		}

		String capability() {
			return capability;
		}

		String path() {
			return path;
		}

		@Override
		boolean mayHaveActed() {
			return false;
		}

	}

	/**
	 * Vault could not be asked: unreachable, sealed, TLS failure, not logged in. Nothing
	 * was sent or Vault refused before acting, so nothing was revoked; a new request can
	 * be made once Vault is back.
	 */
	static final class VaultUnavailable extends VaultProblem {

		VaultUnavailable(String message) {
			super(message);
		}

		static VaultUnavailable sealed() {
			return new VaultUnavailable(
					"Vault is sealed, so nothing was changed; once an operator unseals it, " + "make a new request");
		}

		@Override
		boolean mayHaveActed() {
			return false;
		}

	}

	/**
	 * No answer within the read timeout (or the connection broke mid-request): the
	 * outcome is unknown.
	 */
	static final class VaultDidNotAnswer extends VaultProblem {

		VaultDidNotAnswer(Duration timeout, String call) {
			super("Vault did not answer " + call + " within " + timeout.toSeconds() + "s");
		}

		VaultDidNotAnswer(String message) {
			super(message);
		}

		@Override
		boolean mayHaveActed() {
			return true;
		}

	}

	/**
	 * Vault answered with an error. A 5xx to a write may come after Vault acted (it can
	 * fail after revoking), so it counts as "may have acted"; a 4xx means Vault refused
	 * before acting.
	 */
	static final class VaultFailed extends VaultProblem {

		private final int status;

		private final List<String> errors;

		VaultFailed(int status, List<String> errors, String call) {
			super("Vault answered " + status + " to " + call
					+ (errors.isEmpty() ? "" : ": " + String.join("; ", errors)));
			this.status = status;
			this.errors = List.copyOf(errors);
		}

		int status() {
			return status;
		}

		List<String> errors() {
			return errors;
		}

		@Override
		boolean mayHaveActed() {
			return status >= 500;
		}

	}

}
