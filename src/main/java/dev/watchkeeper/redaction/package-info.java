/**
 * Redaction: replaces secrets and personal data in text with typed placeholders before
 * the text leaves Watchkeeper. Pure Java: no Spring, no I/O;
 * {@link dev.watchkeeper.redaction.Redactor} is the entry point.
 */
@NullMarked
package dev.watchkeeper.redaction;

import org.jspecify.annotations.NullMarked;
