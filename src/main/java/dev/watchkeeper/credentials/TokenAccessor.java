package dev.watchkeeper.credentials;

import java.util.regex.Pattern;

/**
 * The accessor of a Vault token: names the token for lookup and revocation without being
 * able to use it. A value that looks like a token itself ({@code hvs.}, {@code s.}, ...)
 * is refused, so nobody pastes a live token into Slack through this command.
 */
public record TokenAccessor(String value) {

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9-]{8,64}(\\.[A-Za-z0-9]{1,16})?");

	private static final Pattern TOKEN = Pattern.compile("(hvs|hvb|hvr|s|b|r)\\..*");

	public TokenAccessor {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("a token accessor is required");
		}
		if (TOKEN.matcher(value).matches()) {
			throw new IllegalArgumentException("that looks like a Vault token, not an accessor: never paste tokens "
					+ "into Slack. Revoke it yourself (vault token revoke -self) or use its accessor "
					+ "(vault token lookup shows it)");
		}
		if (!SHAPE.matcher(value).matches()) {
			throw new IllegalArgumentException("not a Vault token accessor (letters, digits and dashes, "
					+ "optionally .<namespace id>), e.g. 2Yw4eZSbcJbYdTrDnHiPHd2j");
		}
	}

	public static TokenAccessor parse(String text) {
		return new TokenAccessor(VaultPaths.clean(text));
	}

	@Override
	public String toString() {
		return value;
	}
}
