/**
 * Vault adapter: the one package that imports {@code io.github.jopenlibs.vault}; login,
 * renewal, raw calls, error mapping, verify-after and the health indicator.
 */
@NullMarked
package dev.watchkeeper.credentials.internal;

import org.jspecify.annotations.NullMarked;
