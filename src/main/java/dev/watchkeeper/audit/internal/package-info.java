/**
 * Audit internals: the chain (hashing, sealing, storage, verification), the reviewer UI,
 * API, CLI and witness job.
 */
@NullMarked
package dev.watchkeeper.audit.internal;

import org.jspecify.annotations.NullMarked;
