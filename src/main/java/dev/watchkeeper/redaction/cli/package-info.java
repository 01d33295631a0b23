/** The {@code redact} command line: scrub a file or standard input before sharing it. */
@NullMarked
package dev.watchkeeper.redaction.cli;

import org.jspecify.annotations.NullMarked;
