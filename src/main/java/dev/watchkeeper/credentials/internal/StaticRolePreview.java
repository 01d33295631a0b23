package dev.watchkeeper.credentials.internal;

import dev.watchkeeper.credentials.DatabaseRoleName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A database static role as {@code <mount>/static-roles/<name>} describes it (no password
 * is read).
 */
record StaticRolePreview(DatabaseRoleName role, String mount, String username, String dbName, Duration rotationPeriod,
		@Nullable Instant lastVaultRotation, Duration ttl) implements VaultPreview {

	@Override
	public String title() {
		return "Rotate the password of database static role " + role.value() + " (" + mount + "/)";
	}

	@Override
	public List<String> facts() {
		return List.of("database user: " + username + " on connection " + dbName,
				"last rotated by Vault: " + VaultTimes.format(lastVaultRotation),
				"rotation period: " + VaultTimes.human(rotationPeriod) + ", next in " + VaultTimes.human(ttl),
				"effect: the current password stops working at once; applications must read the new one from Vault");
	}
}
