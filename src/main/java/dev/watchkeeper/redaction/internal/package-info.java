/**
 * The redaction engine's private parts: detectors, their catalogue, checksums and the
 * time budget.
 */
@NullMarked
package dev.watchkeeper.redaction.internal;

import org.jspecify.annotations.NullMarked;
