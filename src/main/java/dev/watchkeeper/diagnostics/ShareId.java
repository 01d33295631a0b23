package dev.watchkeeper.diagnostics;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Identifies one share: 128 random bits in base64url (22 characters). Validated so an id
 * from a URL can be used as a file name or SQL parameter without further thought.
 */
public record ShareId(String value) {

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");

	private static final SecureRandom random = new SecureRandom();

	public ShareId {
		if (value == null || !SHAPE.matcher(value).matches()) {
			throw new IllegalArgumentException("not a share id");
		}
	}

	public static ShareId random() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return new ShareId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	/** True when {@code text} has the shape of a share id (it may still not exist). */
	public static boolean isWellFormed(String text) {
		return text != null && SHAPE.matcher(text).matches();
	}

	@Override
	public String toString() {
		return value;
	}
}
