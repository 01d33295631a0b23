package dev.watchkeeper.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (token, key, password) that never shows itself in {@code toString()},
 * logs or exceptions. Compare with {@link #matches(String)}, which runs in constant time.
 */
public final class Secret {

	private final String value;

	private Secret(String value) {
		this.value = Objects.requireNonNull(value, "value");
	}

	public static Secret of(String value) {
		return new Secret(value);
	}

	/** Null or blank becomes null, so "unset" has one representation. */
	public static Secret ofNullable(String value) {
		return (value == null || value.isBlank()) ? null : new Secret(value.strip());
	}

	/** The clear value, for the one adapter that must hand it to an outside system. */
	public String reveal() {
		return value;
	}

	public byte[] bytes() {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/** Constant-time comparison against a presented value. */
	public boolean matches(String presented) {
		if (presented == null) {
			return false;
		}
		return MessageDigest.isEqual(bytes(), presented.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Secret secret && MessageDigest.isEqual(bytes(), secret.bytes());
	}

	@Override
	public int hashCode() {
		return 0; // deliberately uninformative
	}

	@Override
	public String toString() {
		return "Secret[****]";
	}

}
