package dev.watchkeeper.audit.internal;

import org.jspecify.annotations.Nullable;

/**
 * Reads the paging parameters shared by the API and the pages, with clear messages for
 * bad values.
 */
final class ApiParameters {

	private ApiParameters() {
	}

	static @Nullable Long before(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			long before = Long.parseLong(text.strip());
			if (before < 1) {
				throw new IllegalArgumentException("'before' must be a positive sequence number");
			}
			return before;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'before' must be a sequence number");
		}
	}

	static int limit(@Nullable String text, int fallback) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			int limit = Integer.parseInt(text.strip());
			if (limit < 1 || limit > 500) {
				throw new IllegalArgumentException("'limit' must be between 1 and 500");
			}
			return limit;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'limit' must be a number between 1 and 500");
		}
	}

}
