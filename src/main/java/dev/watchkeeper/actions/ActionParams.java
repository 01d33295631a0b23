package dev.watchkeeper.actions;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The validated parameters of one action request, sorted by name so that equal parameters
 * always encode the same way. Obtain one from {@link ParamSchema#validate(Map)};
 * {@link #of(Map)} only wraps already stored values.
 */
public record ActionParams(SortedMap<String, String> values) {

	public ActionParams {
		values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
	}

	public static ActionParams of(Map<String, String> values) {
		return new ActionParams(new TreeMap<>(values));
	}

	public static ActionParams none() {
		return new ActionParams(new TreeMap<>());
	}

	/** The value of a parameter the schema declares as required. */
	public String get(String name) {
		String value = values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("no parameter '" + name + "'");
		}
		return value;
	}

	public Optional<String> find(String name) {
		return Optional.ofNullable(values.get(name));
	}

	/**
	 * An unambiguous encoding ({@code <length>:<name>=<length>:<value>\n} per parameter,
	 * sorted by name) used for the approval hash: no choice of names or values can make
	 * two different parameter sets encode alike.
	 */
	public String canonicalForm() {
		StringBuilder out = new StringBuilder();
		values.forEach((name, value) -> out.append(name.length())
			.append(':')
			.append(name)
			.append('=')
			.append(value.length())
			.append(':')
			.append(value)
			.append('\n'));
		return out.toString();
	}

	@Override
	public String toString() {
		// identifiers such as lease ids must not reach logs through toString
		return "ActionParams" + values.keySet();
	}
}
