package dev.watchkeeper.diagnostics;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A reveal of an existing share was refused and consumed nothing (except when too many
 * wrong passphrases destroyed the share). Requests for ids that do not exist are not
 * events: there is nothing to attribute them to.
 */
public record DiagnosticsRevealRefused(UUID eventId, Instant occurredAt, ShareId shareId, String actor,
		String actorName, String client, Reason reason, int viewsLeft, String remoteAddress,
		String incidentId) implements AuditableEvent {

	/** Why a reveal was refused. */
	public enum Reason {

		/**
		 * The proof of the link key did not match: someone who knows the id but not the
		 * key.
		 */
		WRONG_KEY("wrong link key"),

		/**
		 * The nonce was unknown, used or stale (a replayed request, or a client that
		 * waited too long).
		 */
		INVALID_NONCE("invalid or reused nonce"),

		/** The key was right, the passphrase wrong; nothing was consumed. */
		WRONG_PASSPHRASE("wrong passphrase"),

		/** The last allowed wrong passphrase: the share was destroyed. */
		PASSPHRASE_ATTEMPTS_EXHAUSTED("too many wrong passphrases: share destroyed"),

		NO_VIEWS_LEFT("no views left"),

		EXPIRED("expired"),

		REVOKED("revoked"),

		/** The ciphertext has not been uploaded completely yet. */
		NOT_READY("upload not finished"),

		/**
		 * Sign in with Slack is configured and the request came without a Slack sign-in.
		 */
		NOT_SIGNED_IN("not signed in with Slack"),

		/** Signed in to a Slack team other than the bot's. */
		OTHER_TEAM("signed in to another Slack workspace"),

		/**
		 * Signed in, but neither a member of the share's channel nor one of its named
		 * users.
		 */
		NOT_IN_AUDIENCE("not in the share's audience"),

		/**
		 * Slack could not say who is in the audience (down, rate-limited, not
		 * configured); nothing was used.
		 */
		AUDIENCE_UNVERIFIABLE("audience could not be checked with Slack");

		private final String description;

		Reason(String description) {
			this.description = description;
		}

		public String description() {
			return description;
		}

	}

	@Override
	public String action() {
		return "diagnostics.reveal";
	}

	@Override
	public String subject() {
		return shareId.value();
	}

	@Override
	public String outcome() {
		return "refused";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("reason", reason.description(), "client", client, "viewsLeft", Integer.toString(viewsLeft));
	}

	@Override
	public Map<String, String> sensitiveIdentifiers() {
		return Map.of("remoteAddress", remoteAddress);
	}
}
