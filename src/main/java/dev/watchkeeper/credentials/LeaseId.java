package dev.watchkeeper.credentials;

/**
 * A Vault lease id such as
 * {@code database/creds/readonly/27e1b9a1-27b8-83d9-9fe0-d99d786bdc83}: the path that
 * issued the secret, then the lease's own id. Validated so a pasted value cannot smuggle
 * a different Vault path or query in.
 */
public record LeaseId(String value) {

	public LeaseId {
		VaultPaths.requireSafePath(value, "lease id", "database/creds/readonly/27e1b9a1-27b8-83d9-9fe0-d99d786bdc83");
	}

	/**
	 * Parses what a person typed (surrounding whitespace and Slack's backticks are
	 * ignored).
	 */
	public static LeaseId parse(String text) {
		return new LeaseId(VaultPaths.clean(text));
	}

	/**
	 * The path of the secrets engine role that issued this lease: everything before the
	 * last segment.
	 */
	public String issuedBy() {
		return value.substring(0, value.lastIndexOf('/'));
	}

	@Override
	public String toString() {
		return value;
	}
}
