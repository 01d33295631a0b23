/**
 * Persistence (compare-and-set), the executor that issues permits, expiry and
 * reconciliation jobs.
 */
@NullMarked
package dev.watchkeeper.approvals.internal;

import org.jspecify.annotations.NullMarked;
