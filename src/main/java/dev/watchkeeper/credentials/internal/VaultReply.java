package dev.watchkeeper.credentials.internal;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP answer from Vault: status, the parsed body ({@code {}} for a 204), and Vault's
 * {@code errors} and {@code warnings} arrays.
 */
record VaultReply(int status, JsonObject body) {

	static VaultReply of(int status, byte @Nullable [] bytes) {
		return new VaultReply(status, parse(bytes));
	}

	static JsonObject parse(byte @Nullable [] bytes) {
		if (bytes == null || bytes.length == 0) {
			return new JsonObject();
		}
		try {
			JsonValue value = Json.parse(new String(bytes, StandardCharsets.UTF_8));
			return value.isObject() ? value.asObject() : new JsonObject();
		}
		catch (RuntimeException notJson) {
			// a proxy's HTML error page: the status code still tells what happened
			return new JsonObject();
		}
	}

	boolean ok() {
		return status >= 200 && status < 300;
	}

	/** The {@code data} object, or an empty one. */
	JsonObject data() {
		JsonValue data = body.get("data");
		return data != null && data.isObject() ? data.asObject() : new JsonObject();
	}

	/** The {@code auth} object, or an empty one. */
	JsonObject auth() {
		JsonValue auth = body.get("auth");
		return auth != null && auth.isObject() ? auth.asObject() : new JsonObject();
	}

	List<String> errors() {
		return strings(body.get("errors"));
	}

	List<String> warnings() {
		return strings(body.get("warnings"));
	}

	/**
	 * True when one of Vault's error messages contains {@code text} (case-insensitive).
	 */
	boolean errorMentions(String text) {
		return errors().stream().anyMatch(e -> e.toLowerCase().contains(text.toLowerCase()));
	}

	static List<String> strings(@Nullable JsonValue array) {
		List<String> values = new ArrayList<>();
		if (array != null && array.isArray()) {
			for (JsonValue item : array.asArray()) {
				if (item.isString()) {
					values.add(item.asString().strip().replaceAll("\\s+", " "));
				}
			}
		}
		return values;
	}

	static @Nullable String string(JsonObject object, String name) {
		JsonValue value = object.get(name);
		return value != null && value.isString() ? value.asString() : null;
	}

	static long number(JsonObject object, String name, long fallback) {
		JsonValue value = object.get(name);
		if (value == null || !value.isNumber()) {
			return fallback;
		}
		try {
			return value.asLong();
		}
		catch (NumberFormatException fraction) {
			return (long) value.asDouble();
		}
	}

	static boolean bool(JsonObject object, String name) {
		JsonValue value = object.get(name);
		return value != null && value.isBoolean() && value.asBoolean();
	}
}
