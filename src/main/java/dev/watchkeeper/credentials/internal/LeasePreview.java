package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.credentials.LeaseId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A lease as {@code sys/leases/lookup} describes it. */
record LeasePreview(LeaseId lease, @Nullable Instant issueTime, @Nullable Instant expireTime,
		@Nullable Instant lastRenewal, Duration ttl, boolean renewable) implements VaultPreview {

	@Override
	public String title() {
		return "Revoke Vault lease " + lease.value();
	}

	@Override
	public List<String> facts() {
		List<String> facts = new ArrayList<>();
		facts.add("secrets engine path: " + lease.issuedBy());
		facts.add("issued: " + VaultTimes.format(issueTime));
		facts.add("expires: " + (expireTime == null ? "never"
				: VaultTimes.format(expireTime) + " (ttl " + VaultTimes.human(ttl) + ")"));
		facts.add("renewable: " + (renewable ? "yes" : "no") + ", last renewed: " + VaultTimes.format(lastRenewal));
		facts.add("effect: the secret this lease issued stops working (e.g. the database user is dropped)");
		return facts;
	}
}
