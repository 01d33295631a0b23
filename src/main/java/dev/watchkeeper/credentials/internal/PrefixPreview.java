package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.credentials.LeasePrefix;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The leases under a prefix as {@code LIST sys/leases/lookup/<prefix>} shows them.
 *
 * @param count leases found; a lower bound when {@code complete} is false
 * @param complete false when the listing stopped at the configured limit or was not
 * allowed
 * @param first the first few lease ids, in Vault's order
 * @param unknownReason why the count is unknown (the policy lacks list+sudo), or
 * {@code null}
 */
record PrefixPreview(LeasePrefix prefix, int count, boolean complete, List<String> first,
		@Nullable String unknownReason) implements VaultPreview {

	@Override
	public String title() {
		return "Revoke EVERY Vault lease under " + prefix.value();
	}

	@Override
	public List<String> facts() {
		List<String> facts = new ArrayList<>();
		if (unknownReason != null) {
			facts.add("how many: unknown (" + unknownReason + ")");
		}
		else {
			facts.add("how many: " + (complete ? "" : "at least ") + count + " lease" + (count == 1 ? "" : "s"));
			for (String lease : first) {
				facts.add("e.g. " + lease);
			}
			if (count > first.size()) {
				facts.add("… and " + (count - first.size()) + (complete ? "" : "+") + " more");
			}
		}
		facts.add("effect: every secret issued under this prefix stops working; tokens issued under it are revoked "
				+ "with their children");
		return facts;
	}
}
