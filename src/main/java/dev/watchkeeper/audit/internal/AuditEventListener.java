package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditTrail;
import dev.watchkeeper.core.AuditableEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Appends every {@link AuditableEvent} as it is published, synchronously and in the
 * publisher's transaction.
 * <p>
 * Deliberately a plain {@code @EventListener}, not a transactional or asynchronous one:
 * an exception here propagates to {@code publishEvent}, so the publisher's transaction
 * rolls back and a destructive action whose audit entry cannot be written does not happen
 * ("audit fails closed"; the approvals module relies on it). The append is idempotent by
 * event id, so a redelivered event is recorded once.
 */
@Component
class AuditEventListener {

	private final AuditTrail trail;

	AuditEventListener(AuditTrail trail) {
		this.trail = trail;
	}

	@EventListener(AuditableEvent.class)
	void record(AuditableEvent event) {
		trail.append(event);
	}

}
