package dev.watchkeeper.audit.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tiny HTML builder whose only way to add text escapes it: every value from the audit
 * trail (alert text, actor names) reaches the page as text, never as markup. Markup comes
 * only from string literals in the page classes.
 */
final class Html {

	private final StringBuilder out = new StringBuilder(16 * 1024);

	/**
	 * Appends trusted markup written in this code base (never a value read from a request
	 * or the database).
	 */
	Html raw(String markup) {
		out.append(markup);
		return this;
	}

	/** Appends text, escaped for element content and attribute values alike. */
	Html text(String value) {
		out.append(escape(value));
		return this;
	}

	static String escape(String value) {
		StringBuilder escaped = new StringBuilder(value.length() + 16);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * A query string ({@code ?a=1&b=2}) from parameters, URL-encoded; empty when there
	 * are none.
	 */
	static String query(Map<String, String> parameters) {
		if (parameters.isEmpty()) {
			return "";
		}
		return "?" + parameters.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	@Override
	public String toString() {
		return out.toString();
	}

}
