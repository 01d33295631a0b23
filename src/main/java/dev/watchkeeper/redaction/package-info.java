/** Redaction: replaces secrets and personal data with typed placeholders. Pure Java: no Spring, no I/O. */
@NullMarked
package dev.watchkeeper.redaction;

import org.jspecify.annotations.NullMarked;
