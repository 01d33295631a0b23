/**
 * Summary internals: Spring wiring of the summarizer and the offline {@code summarize}
 * command.
 */
@NullMarked
package dev.watchkeeper.summary.internal;

import org.jspecify.annotations.NullMarked;
