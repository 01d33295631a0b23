package dev.watchkeeper.credentials;

import java.util.regex.Pattern;

/**
 * The name of a static role in Vault's database secrets engine, shaped as Vault's own
 * name rule allows.
 */
public record DatabaseRoleName(String value) {

	private static final Pattern SHAPE = Pattern.compile("\\w([\\w.-]{0,126}\\w)?");

	public DatabaseRoleName {
		if (value == null || !SHAPE.matcher(value).matches() || value.contains("..")) {
			throw new IllegalArgumentException(
					"not a database static role name (letters, digits, _ . -), e.g. " + "app-readonly");
		}
	}

	public static DatabaseRoleName parse(String text) {
		return new DatabaseRoleName(VaultPaths.clean(text));
	}

	@Override
	public String toString() {
		return value;
	}
}
