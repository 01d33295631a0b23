/**
 * Diagnostics internals: the share format and its cryptography, storage, web endpoints,
 * purge job and the CLI.
 */
@NullMarked
package dev.watchkeeper.diagnostics.internal;

import org.jspecify.annotations.NullMarked;
