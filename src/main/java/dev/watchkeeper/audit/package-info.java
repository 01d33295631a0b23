/**
 * Audit trail: an append-only, hash-chained and HMAC-sealed log of every auditable event,
 * with verification, export, a reviewer web UI and an external witness of the chain head.
 */
@NullMarked
package dev.watchkeeper.audit;

import org.jspecify.annotations.NullMarked;
