package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.credentials.TokenAccessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A token as {@code auth/token/lookup-accessor} describes it; the token itself is never
 * requested nor shown.
 */
record AccessorPreview(TokenAccessor accessor, String displayName, List<String> policies,
		@Nullable Instant creationTime, @Nullable Instant expireTime, Duration ttl, String path, String type,
		boolean orphan, long numUses) implements VaultPreview {

	@Override
	public String title() {
		return "Revoke the Vault token with accessor " + accessor.value();
	}

	@Override
	public List<String> facts() {
		List<String> facts = new ArrayList<>();
		facts.add("display name: " + (displayName.isBlank() ? "(none)" : displayName));
		facts.add("policies: " + (policies.isEmpty() ? "(none)" : String.join(", ", policies)));
		facts.add("created: " + VaultTimes.format(creationTime) + (path.isBlank() ? "" : " via " + path));
		facts.add("expires: " + (expireTime == null ? "never"
				: VaultTimes.format(expireTime) + " (ttl " + VaultTimes.human(ttl) + ")"));
		facts.add("type: " + (type.isBlank() ? "service" : type) + (orphan ? ", orphan" : ", has a parent")
				+ (numUses > 0 ? ", " + numUses + " uses left" : ""));
		facts.add("effect: the token, its child tokens and the leases they created are revoked");
		return facts;
	}
}
