/**
 * The human approval gate: {@link dev.watchkeeper.approvals.ActionRequest} and its state
 * machine, who may approve (policies named per rule), expiry, exactly-once execution and
 * crash recovery. Entry point: {@link dev.watchkeeper.approvals.Approvals}; facts are
 * published as past-tense events in this package.
 */
@NullMarked
package dev.watchkeeper.approvals;

import org.jspecify.annotations.NullMarked;
