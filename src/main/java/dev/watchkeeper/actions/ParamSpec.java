package dev.watchkeeper.actions;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One parameter an action accepts.
 *
 * @param name lower-case name used in {@code /wk run <type> name=value}
 * @param description one line shown in help and previews
 * @param required whether the request is refused without it
 * @param pattern the whole value must match it
 * @param maxLength longest accepted value
 * @param identifier an identifier such as a lease id or accessor: shown in full to
 * approvers, but stored in the audit trail only as an HMAC
 * ({@link dev.watchkeeper.core.AuditableEvent#sensitiveIdentifiers()})
 */
public record ParamSpec(String name, String description, boolean required, Pattern pattern, int maxLength,
		boolean identifier) {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

	private static final Pattern ANY_PRINTABLE = Pattern.compile("[^\\p{Cntrl}]*");

	public ParamSpec {
		Objects.requireNonNull(description, "description");
		Objects.requireNonNull(pattern, "pattern");
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("parameter name must match " + NAME + ": " + name);
		}
		if (maxLength < 1) {
			throw new IllegalArgumentException("maxLength must be positive");
		}
	}

	/**
	 * A required parameter of at most 200 printable characters; refine with the
	 * {@code with...} methods.
	 */
	public static ParamSpec required(String name, String description) {
		return new ParamSpec(name, description, true, ANY_PRINTABLE, 200, false);
	}

	public static ParamSpec optional(String name, String description) {
		return new ParamSpec(name, description, false, ANY_PRINTABLE, 200, false);
	}

	public ParamSpec matching(String regex) {
		return new ParamSpec(name, description, required, Pattern.compile(regex), maxLength, identifier);
	}

	public ParamSpec withMaxLength(int length) {
		return new ParamSpec(name, description, required, pattern, length, identifier);
	}

	/** Marks the value as an identifier that the audit trail stores only as an HMAC. */
	public ParamSpec asIdentifier() {
		return new ParamSpec(name, description, required, pattern, maxLength, true);
	}
}
