/**
 * Runbook parsing, the Lucene index, ranking, directory watching and the {@code runbooks}
 * CLI; private to the module.
 */
@NullMarked
package dev.watchkeeper.runbooks.internal;

import org.jspecify.annotations.NullMarked;
