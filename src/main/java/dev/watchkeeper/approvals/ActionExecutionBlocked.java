package dev.watchkeeper.approvals;

import java.time.Instant;
import java.util.UUID;

/**
 * An approved request could not start because its state change or audit entry could not
 * be committed (audit fails closed). Deliberately not an
 * {@link dev.watchkeeper.core.AuditableEvent}: the audit trail is what failed. The
 * request stays APPROVED; the reconciler tries again while the approval is fresh.
 */
public record ActionExecutionBlocked(UUID requestId, Instant occurredAt, String reason) {
}
