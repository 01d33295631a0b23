/**
 * Logback integration: every log message, throwable message, MDC value and key-value pair
 * passes through the redactor before it is written, in plain-text and structured (JSON)
 * console logging alike.
 */
@NullMarked
@NamedInterface("logging")
package dev.watchkeeper.redaction.logging;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
