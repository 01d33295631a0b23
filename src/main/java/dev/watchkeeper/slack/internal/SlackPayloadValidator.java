package dev.watchkeeper.slack.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks that a signed body has the shape Slack sends, so malformed input gets a 400 with
 * a reason instead of an exception inside Bolt: JSON event envelopes with a {@code type},
 * or form bodies that are either a slash command or carry a JSON {@code payload}.
 */
class SlackPayloadValidator {

	private final ObjectMapper json;

	SlackPayloadValidator(ObjectMapper json) {
		this.json = json;
	}

	@Nullable String problemWith(@Nullable String contentType, byte[] body) {
		String type = contentType == null ? "" : contentType.toLowerCase();
		String text = new String(body, StandardCharsets.UTF_8);
		if (type.startsWith("application/json")) {
			return jsonProblem(text, "body");
		}
		if (type.startsWith("application/x-www-form-urlencoded")) {
			String payload = null;
			boolean command = false;
			for (String pair : text.split("&")) {
				int eq = pair.indexOf('=');
				String name = eq < 0 ? pair : pair.substring(0, eq);
				String value = eq < 0 ? "" : pair.substring(eq + 1);
				try {
					if (name.equals("payload")) {
						payload = URLDecoder.decode(value, StandardCharsets.UTF_8);
					}
					else if (name.equals("command")) {
						command = true;
					}
				}
				catch (IllegalArgumentException ex) {
					return "form field '" + name + "' is not valid URL encoding";
				}
			}
			if (payload != null) {
				return jsonProblem(payload, "payload");
			}
			return command ? null : "form body has neither 'command' nor 'payload'";
		}
		return "unsupported content type '" + type + "'";
	}

	private @Nullable String jsonProblem(String text, String what) {
		try {
			JsonNode node = json.readTree(text);
			if (node == null || !node.isObject()) {
				return what + " is not a JSON object";
			}
			if (!node.hasNonNull("type")) {
				return what + " has no 'type'";
			}
			return null;
		}
		catch (JacksonException ex) {
			return what + " is not valid JSON";
		}
	}

}
