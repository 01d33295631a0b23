package dev.watchkeeper.credentials;

/**
 * A lease prefix such as {@code database/creds/readonly/}: every lease issued under it.
 * Always ends with a slash (as Vault treats it), so {@code aws/creds/deploy} never also
 * matches {@code aws/creds/deploy-prod/...}; at least two segments, so a whole mount or
 * {@code auth/} cannot be revoked by a typo.
 */
public record LeasePrefix(String value) {

	public LeasePrefix {
		String path = value != null && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
		if (path != null && !path.isBlank() && !path.contains("/")) {
			throw new IllegalArgumentException("a lease prefix needs at least two segments such as "
					+ "database/creds/readonly/, so a whole mount cannot be revoked by a typo");
		}
		VaultPaths.requireSafePath(path, "lease prefix", "database/creds/readonly/");
		value = path + "/";
	}

	public static LeasePrefix parse(String text) {
		return new LeasePrefix(VaultPaths.clean(text));
	}

	/** True when the lease was issued under this prefix. */
	public boolean covers(LeaseId lease) {
		return lease.value().startsWith(value);
	}

	@Override
	public String toString() {
		return value;
	}
}
