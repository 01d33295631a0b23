package dev.watchkeeper.credentials;

/**
 * The four Vault actions, with the action type ids other modules use to request them (a
 * runbook step, the {@code /wk revoke} command) and the parameter each takes.
 */
public enum CredentialAction {

	/** Revokes one lease ({@code sys/leases/revoke}); one approver. */
	REVOKE_LEASE("vault.revoke-lease", "lease", "lease_id"),
	/**
	 * Revokes every lease under a prefix ({@code sys/leases/revoke-prefix}, needs sudo);
	 * two approvers.
	 */
	REVOKE_PREFIX("vault.revoke-prefix", "lease prefix", "prefix"),
	/**
	 * Revokes a token (and its children) by accessor
	 * ({@code auth/token/revoke-accessor}); one approver.
	 */
	REVOKE_TOKEN_ACCESSOR("vault.revoke-token-accessor", "token accessor", "accessor"),
	/**
	 * Rotates a database static role's password now ({@code database/rotate-role}); one
	 * approver.
	 */
	ROTATE_DATABASE_ROLE("vault.rotate-database-role", "database static role", "role");

	private final String typeId;

	private final String noun;

	private final String parameter;

	CredentialAction(String typeId, String noun, String parameter) {
		this.typeId = typeId;
		this.noun = noun;
		this.parameter = parameter;
	}

	/** The action type id, e.g. {@code vault.revoke-lease}. */
	public String typeId() {
		return typeId;
	}

	/** What the parameter names, e.g. {@code lease}. */
	public String noun() {
		return noun;
	}

	/** The one parameter's name, e.g. {@code lease_id}. */
	public String parameter() {
		return parameter;
	}

	/**
	 * Validates a parameter value the way the action will, so a command can refuse bad
	 * input at once.
	 */
	public String validate(String value) {
		return switch (this) {
			case REVOKE_LEASE -> LeaseId.parse(value).value();
			case REVOKE_PREFIX -> LeasePrefix.parse(value).value();
			case REVOKE_TOKEN_ACCESSOR -> TokenAccessor.parse(value).value();
			case ROTATE_DATABASE_ROLE -> DatabaseRoleName.parse(value).value();
		};
	}

}
