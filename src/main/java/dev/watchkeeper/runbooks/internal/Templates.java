package dev.watchkeeper.runbooks.internal;

import dev.watchkeeper.alerts.Alert;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The runbook template language, which is only plain substitution: {@code {{ labels.NAME
 * }}} and {@code {{ annotations.NAME }}} become the alert's value, in one pass (a value
 * that itself looks like a template stays text). Nothing is evaluated.
 */
final class Templates {

	private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)\\}\\}");

	private static final Pattern FIELD = Pattern.compile("(labels|annotations)\\.([A-Za-z_][A-Za-z0-9_]*)");

	// in step text other {{ }} may be legitimate (kubectl -o go-template); these are
	// attempts at alert fields
	private static final Pattern ALERT_FIELD_ATTEMPT = Pattern.compile("(?i)\\s*[.$]?\\s*(labels?|annotations?)\\b.*");

	private Templates() {
	}

	/**
	 * Templates in an action parameter that are not {@code labels.NAME} or
	 * {@code annotations.NAME}.
	 */
	static List<String> invalidInParameter(String value) {
		List<String> invalid = new ArrayList<>();
		Matcher m = TEMPLATE.matcher(value);
		while (m.find()) {
			if (!FIELD.matcher(m.group(1).strip()).matches()) {
				invalid.add(m.group());
			}
		}
		if (invalid.isEmpty() && (value.replaceAll(TEMPLATE.pattern(), "").contains("{{"))) {
			invalid.add(value.substring(value.indexOf("{{")));
		}
		return invalid;
	}

	/**
	 * Templates in step text that try to name an alert field but do not name one
	 * correctly.
	 */
	static List<String> invalidInText(String text) {
		List<String> invalid = new ArrayList<>();
		Matcher m = TEMPLATE.matcher(text);
		while (m.find()) {
			String inner = m.group(1).strip();
			if (!FIELD.matcher(inner).matches() && ALERT_FIELD_ATTEMPT.matcher(inner).matches()) {
				invalid.add(m.group());
			}
		}
		return invalid;
	}

	/**
	 * The alert fields a template text refers to, e.g. {@code annotations.lease_id}, in
	 * order, once each.
	 */
	static Set<String> fields(String template) {
		Set<String> fields = new LinkedHashSet<>();
		Matcher m = TEMPLATE.matcher(template);
		while (m.find()) {
			String inner = m.group(1).strip();
			if (FIELD.matcher(inner).matches()) {
				fields.add(inner);
			}
		}
		return fields;
	}

	/**
	 * Fills the templates from the alert. A field the alert lacks (or has empty) keeps
	 * its template text and is reported in {@link Filled#missing()}; with no alert every
	 * field is missing.
	 */
	static Filled fill(String template, @Nullable Alert alert) {
		Matcher m = TEMPLATE.matcher(template);
		StringBuilder out = new StringBuilder();
		Set<String> missing = new LinkedHashSet<>();
		while (m.find()) {
			String inner = m.group(1).strip();
			Matcher field = FIELD.matcher(inner);
			String replacement = m.group();
			if (field.matches()) {
				String value = alert == null ? "" : field.group(1).equals("labels") ? alert.label(field.group(2))
						: alert.annotation(field.group(2));
				if (value.isEmpty()) {
					missing.add(inner);
				}
				else {
					replacement = value;
				}
			}
			m.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		m.appendTail(out);
		return new Filled(out.toString(), List.copyOf(missing));
	}

	/** A filled template and the fields it could not fill. */
	record Filled(String text, List<String> missing) {
	}

}
