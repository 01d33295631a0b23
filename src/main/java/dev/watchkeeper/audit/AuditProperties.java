package dev.watchkeeper.audit;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.core.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit settings.
 *
 * @param hmacKey key that seals the chain and hashes sensitive identifiers
 * ({@code WATCHKEEPER_AUDIT_HMAC_KEY}, at least 32 characters, e.g.
 * {@code openssl rand -hex 32}); when unset, the key in {@code keyFile} is used
 * @param keyFile where the key lives when {@code hmacKey} is unset; generated on first
 * start (mode 0600) when {@code generateMissingKey} is true
 * @param generateMissingKey create {@code keyFile} when neither it nor {@code hmacKey}
 * exists (off in the CLI, which must verify with the server's key, never a new one)
 * @param reviewerToken bearer token for {@code /api/audit/**} and the token sign-in of
 * the UI (at least 32 characters)
 * @param reviewers Slack user ids, OIDC subjects or verified e-mails allowed to sign in
 * to the reviewer UI
 * @param witnessChannel Slack channel that receives the chain head hash; empty disables
 * the witness
 * @param witnessInterval how often the head hash is posted (only when it changed)
 */
@ConfigurationProperties("watchkeeper.audit")
public record AuditProperties(@Nullable Secret hmacKey, @DefaultValue("data/audit-hmac.key") Path keyFile,
		@DefaultValue("true") boolean generateMissingKey, @Nullable Secret reviewerToken,
		@DefaultValue List<String> reviewers, @Nullable String witnessChannel,
		@DefaultValue("1h") Duration witnessInterval) {

	static final int MINIMUM_SECRET_LENGTH = 32;

	public AuditProperties {
		if (hmacKey != null && hmacKey.reveal().length() < MINIMUM_SECRET_LENGTH) {
			throw new InvalidConfiguration("WATCHKEEPER_AUDIT_HMAC_KEY must be at least " + MINIMUM_SECRET_LENGTH
					+ " characters (e.g. openssl rand -hex 32)");
		}
		if (reviewerToken != null && reviewerToken.reveal().length() < MINIMUM_SECRET_LENGTH) {
			throw new InvalidConfiguration("WATCHKEEPER_AUDIT_REVIEWER_TOKEN must be at least " + MINIMUM_SECRET_LENGTH
					+ " characters (e.g. openssl rand -hex 32)");
		}
		if (witnessInterval.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new InvalidConfiguration("watchkeeper.audit.witness-interval must be at least 1m");
		}
		reviewers = reviewers.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
		witnessChannel = witnessChannel == null || witnessChannel.isBlank() ? null : witnessChannel.strip();
	}

	/**
	 * True when the id (Slack user id or OIDC subject, exact) or e-mail (any case) is a
	 * configured reviewer.
	 */
	public boolean isReviewer(@Nullable String idOrEmail) {
		if (idOrEmail == null || idOrEmail.isBlank()) {
			return false;
		}
		return reviewers.stream()
			.anyMatch(r -> r.contains("@") ? r.equalsIgnoreCase(idOrEmail.strip()) : r.equals(idOrEmail.strip()));
	}

	public boolean witnessEnabled() {
		return witnessChannel != null;
	}

	@Override
	public String toString() {
		return "AuditProperties[keyFile=" + keyFile + ", reviewers=" + reviewers.size() + ", witnessChannel="
				+ witnessChannel + ", witnessInterval=" + witnessInterval.toString().toLowerCase(Locale.ROOT) + "]";
	}
}
