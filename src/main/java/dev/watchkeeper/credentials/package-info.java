/**
 * Vault: Watchkeeper's own Vault login and the approval-gated actions that revoke leases,
 * lease prefixes and token accessors or rotate database static roles, each previewed
 * before approval and verified after. Only {@code internal} talks to the Vault driver.
 */
@NullMarked
package dev.watchkeeper.credentials;

import org.jspecify.annotations.NullMarked;
