package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.core.Secret;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Watchkeeper's own Vault token and what Vault said about its lifetime when it was
 * obtained or last renewed.
 *
 * @param token the token itself; {@code toString()} never shows it
 * @param accessor the token's accessor (safe to show), or empty when Vault did not say
 * @param observedAt when Vault reported {@code ttl}
 * @param ttl remaining lifetime at {@code observedAt}; zero means it never expires (a
 * root token)
 * @param renewable whether {@code auth/token/renew-self} can extend it
 * @param grantedTtl the lifetime granted at login, to notice when renewals are capped by
 * the token's max TTL
 */
record VaultToken(Secret token, String accessor, Instant observedAt, Duration ttl, boolean renewable,
		Duration grantedTtl) {

	boolean expires() {
		return !ttl.isZero();
	}

	@Nullable Instant expiresAt() {
		return expires() ? observedAt.plus(ttl) : null;
	}

	boolean expired(Instant now) {
		return expires() && !now.isBefore(observedAt.plus(ttl));
	}

	/**
	 * Renew once two thirds of the lifetime seen at the last renewal have passed, as
	 * Vault Agent does.
	 */
	boolean renewalDue(Instant now) {
		return expires() && !now.isBefore(observedAt.plus(ttl.multipliedBy(2).dividedBy(3)));
	}

	/**
	 * True when a renewal gave back less than a third of the originally granted lifetime:
	 * the token is near its max TTL and renewing again buys little, so it is time to log
	 * in again.
	 */
	boolean nearMaxTtl() {
		return expires() && ttl.compareTo(grantedTtl.dividedBy(3)) < 0;
	}

	VaultToken renewed(Instant now, Duration newTtl, boolean stillRenewable) {
		return new VaultToken(token, accessor, now, newTtl, stillRenewable, grantedTtl);
	}

	@Override
	public String toString() {
		return "VaultToken[accessor=" + accessor + ", ttl=" + ttl + ", renewable=" + renewable + "]";
	}
}
