/**
 * Shared kernel: identifiers, the secret wrapper and the auditable-event contract. No
 * beans live here.
 */
@NullMarked
package dev.watchkeeper.core;

import org.jspecify.annotations.NullMarked;
