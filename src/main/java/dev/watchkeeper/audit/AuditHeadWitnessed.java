package dev.watchkeeper.audit;

import java.time.Instant;

/**
 * The witness job read the chain head and wants it published outside the database (the
 * {@code slack} module posts it to {@code channel}), so that a later rewrite of the whole
 * table contradicts Slack's history. Not itself audited: recording it would move the head
 * it reports.
 */
public record AuditHeadWitnessed(long sequence, String hash, String channel, Instant occurredAt) {
}
