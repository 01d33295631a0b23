package dev.watchkeeper.audit.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * JSON in the RFC 8785 canonical form (JCS) for the only value types the audit chain
 * uses: strings, integers and objects of those. Keys are sorted by UTF-16 code units
 * ({@link String#compareTo}), there is no whitespace, and strings escape only {@code "},
 * {@code \} and control characters, so the same entry always gives the same bytes and
 * anyone can recompute a hash with a standard JCS library.
 */
final class CanonicalJson {

	private final StringBuilder out = new StringBuilder(512);

	private boolean first = true;

	private CanonicalJson() {
		out.append('{');
	}

	/**
	 * Starts an object; add members in any order through {@link #object(Map)} instead
	 * when they come in a map.
	 */
	static String object(Map<String, ?> members) {
		CanonicalJson json = new CanonicalJson();
		new TreeMap<>(members).forEach(json::member);
		return json.close();
	}

	private void member(String key, Object value) {
		if (!first) {
			out.append(',');
		}
		first = false;
		string(out, key);
		out.append(':');
		if (value instanceof Long || value instanceof Integer) {
			out.append(value);
		}
		else if (value instanceof RawJson raw) {
			out.append(raw.json());
		}
		else if (value instanceof Map<?, ?> map) {
			@SuppressWarnings("unchecked")
			Map<String, ?> members = (Map<String, ?>) map;
			out.append(object(members));
		}
		else {
			string(out, value.toString());
		}
	}

	private String close() {
		return out.append('}').toString();
	}

	static void string(StringBuilder out, String value) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	/** Text that is already canonical JSON (a stored details object), embedded as is. */
	record RawJson(String json) {
	}

}
