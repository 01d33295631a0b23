package dev.watchkeeper.alerts.internal;

import dev.watchkeeper.core.Secret;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code Authorization: Bearer <token>} against a configured secret in constant
 * time.
 */
final class BearerToken {

	private BearerToken() {
	}

	static boolean presented(HttpServletRequest request, Secret expected) {
		String token = token(request.getHeader("Authorization"));
		return token != null && expected.matches(token);
	}

	private static @Nullable String token(@Nullable String header) {
		if (header == null) {
			return null;
		}
		String value = header.strip();
		if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
			return null;
		}
		return value.substring(7).strip();
	}

}
