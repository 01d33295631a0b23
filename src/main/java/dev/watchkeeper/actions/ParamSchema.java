package dev.watchkeeper.actions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parameters an action accepts, and the validation every request passes before anyone
 * is asked to approve.
 */
public record ParamSchema(List<ParamSpec> params) {

	public ParamSchema {
		params = List.copyOf(params);
		Set<String> names = new HashSet<>();
		for (ParamSpec spec : params) {
			if (!names.add(spec.name())) {
				throw new IllegalArgumentException("parameter '" + spec.name() + "' declared twice");
			}
		}
	}

	public static ParamSchema of(ParamSpec... params) {
		return new ParamSchema(List.of(params));
	}

	/**
	 * Checks raw {@code name=value} input: unknown names, missing required values, values
	 * that are too long, contain control characters or do not match the parameter's
	 * pattern. Blank values count as absent.
	 */
	public ParamValidation validate(Map<String, String> raw) {
		List<String> problems = new ArrayList<>();
		Map<String, ParamSpec> byName = new LinkedHashMap<>();
		params.forEach(p -> byName.put(p.name(), p));
		TreeMap<String, String> accepted = new TreeMap<>();
		for (Map.Entry<String, String> entry : new TreeMap<>(raw).entrySet()) {
			ParamSpec spec = byName.get(entry.getKey());
			if (spec == null) {
				problems.add("unknown parameter '" + printable(entry.getKey()) + "' (accepted: "
						+ (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
				continue;
			}
			String value = entry.getValue() == null ? "" : entry.getValue().strip();
			if (value.isEmpty()) {
				continue;
			}
			if (value.length() > spec.maxLength()) {
				problems.add("'" + spec.name() + "' is longer than " + spec.maxLength() + " characters");
			}
			else if (value.chars().anyMatch(Character::isISOControl)) {
				problems.add("'" + spec.name() + "' contains control characters");
			}
			else if (!spec.pattern().matcher(value).matches()) {
				problems.add("'" + spec.name() + "' is not valid (" + spec.description() + ")");
			}
			else {
				accepted.put(spec.name(), value);
			}
		}
		for (ParamSpec spec : params) {
			if (spec.required() && !accepted.containsKey(spec.name()) && !isPresent(raw, spec.name())) {
				problems.add("missing required parameter '" + spec.name() + "' (" + spec.description() + ")");
			}
		}
		return problems.isEmpty() ? new ParamValidation.Valid(new ActionParams(accepted))
				: new ParamValidation.Invalid(problems);
	}

	/**
	 * The values of parameters declared as identifiers (stored in the audit trail only as
	 * HMACs).
	 */
	public Map<String, String> identifiers(ActionParams values) {
		Map<String, String> out = new TreeMap<>();
		params.stream()
			.filter(ParamSpec::identifier)
			.forEach(p -> values.find(p.name()).ifPresent(v -> out.put(p.name(), v)));
		return out;
	}

	/**
	 * The values of every other parameter (or of unknown ones, which a stored request may
	 * still hold).
	 */
	public Map<String, String> plainValues(ActionParams values) {
		Set<String> identifiers = new HashSet<>();
		params.stream().filter(ParamSpec::identifier).forEach(p -> identifiers.add(p.name()));
		Map<String, String> out = new TreeMap<>();
		values.values().forEach((k, v) -> {
			if (!identifiers.contains(k)) {
				out.put(k, v);
			}
		});
		return out;
	}

	/** e.g. {@code lease_id=<the lease to revoke> [reason=...]}, for usage lines. */
	public String usage() {
		List<String> parts = new ArrayList<>();
		for (ParamSpec p : params) {
			String part = p.name() + "=<" + p.description() + ">";
			parts.add(p.required() ? part : "[" + part + "]");
		}
		return String.join(" ", parts);
	}

	private static boolean isPresent(Map<String, String> raw, String name) {
		String value = raw.get(name);
		return value != null && !value.isBlank();
	}

	private static String printable(String text) {
		String clean = text.replaceAll("\\p{Cntrl}", "?");
		return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
	}
}
