package dev.watchkeeper.redaction.logging;

import dev.watchkeeper.redaction.Redactor;
import java.util.Objects;

/**
 * The redactor the logging classes use. Logback starts long before the Spring context, so
 * it begins with {@link Redactor#standard()}; the application installs the configured one
 * (custom detectors, allow-list) once it is built. Static because Logback instantiates
 * converters and encoders itself.
 */
public final class LogRedaction {

	private static volatile Redactor redactor = Redactor.standard();

	private LogRedaction() {
	}

	/** Installs the redactor for all log output from now on. */
	public static void use(Redactor configured) {
		redactor = Objects.requireNonNull(configured, "redactor");
	}

	/**
	 * Goes back to the standard redactor (when the application context that installed one
	 * closes).
	 */
	public static void reset() {
		redactor = Redactor.standard();
	}

	/** The text to write; never the raw text if redaction fails. */
	public static String redact(String text) {
		return redactor.redact(text).text();
	}

}
