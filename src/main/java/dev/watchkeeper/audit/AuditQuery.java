package dev.watchkeeper.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Filters for searching and exporting the audit trail; every filter is optional and they
 * combine with AND.
 *
 * @param actor exact actor id
 * @param action exact action, or a prefix when it ends in {@code *} ({@code action.*})
 * @param incident exact incident id
 * @param outcome exact outcome
 * @param subject exact subject
 * @param from entries that occurred at or after this instant
 * @param to entries that occurred before this instant
 */
public record AuditQuery(@Nullable String actor, @Nullable String action, @Nullable String incident,
		@Nullable String outcome, @Nullable String subject, @Nullable Instant from, @Nullable Instant to) {

	/** Names of the filters as query parameters and CLI options. */
	public static final String[] PARAMETERS = { "actor", "action", "incident", "outcome", "subject", "from", "to" };

	public AuditQuery {
		actor = blankToNull(actor);
		action = blankToNull(action);
		incident = blankToNull(incident);
		outcome = blankToNull(outcome);
		subject = blankToNull(subject);
		for (String value : new String[] { actor, action, incident, outcome, subject }) {
			if (value != null && value.length() > 500) {
				throw new IllegalArgumentException("filter values are at most 500 characters");
			}
		}
		if (from != null && to != null && !from.isBefore(to)) {
			throw new IllegalArgumentException("'from' must be before 'to'");
		}
	}

	public static AuditQuery all() {
		return new AuditQuery(null, null, null, null, null, null, null);
	}

	/**
	 * Reads filters by name ({@link #PARAMETERS}); times are ISO-8601 instants
	 * ({@code 2026-12-01T10:00:00Z}), local date-times read as UTC
	 * ({@code 2026-12-01T10:00}) or dates ({@code 2026-12-01}: from its start, to its
	 * end).
	 * @throws IllegalArgumentException naming the parameter that cannot be read
	 */
	public static AuditQuery parse(Function<String, @Nullable String> parameter) {
		return new AuditQuery(parameter.apply("actor"), parameter.apply("action"), parameter.apply("incident"),
				parameter.apply("outcome"), parameter.apply("subject"), time("from", parameter.apply("from"), false),
				time("to", parameter.apply("to"), true));
	}

	/** True when an action filter is a prefix match ({@code incident.*}). */
	public boolean actionIsPrefix() {
		return action != null && action.endsWith("*");
	}

	/**
	 * The filters that are set, as parameter name to text, in {@link #PARAMETERS} order
	 * (for links and audit).
	 */
	public Map<String, String> asParameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		put(parameters, "actor", actor);
		put(parameters, "action", action);
		put(parameters, "incident", incident);
		put(parameters, "outcome", outcome);
		put(parameters, "subject", subject);
		put(parameters, "from", from == null ? null : from.toString());
		put(parameters, "to", to == null ? null : to.toString());
		return parameters;
	}

	private static void put(Map<String, String> parameters, String name, @Nullable String value) {
		if (value != null) {
			parameters.put(name, value);
		}
	}

	private static @Nullable Instant time(String name, @Nullable String text, boolean endOfDay) {
		String value = blankToNull(text);
		if (value == null) {
			return null;
		}
		try {
			if (value.length() == 10) {
				LocalDate date = LocalDate.parse(value);
				return (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
			}
			if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
				return OffsetDateTime.parse(value).toInstant();
			}
			return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + name
					+ "' is not a time: use 2026-12-01, 2026-12-01T10:00 (UTC) or " + "2026-12-01T10:00:00Z");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
