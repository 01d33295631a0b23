package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditHeadWitnessed;
import dev.watchkeeper.audit.AuditProperties;
import dev.watchkeeper.audit.ChainHead;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the chain head for an outside witness (the {@code slack} module posts it to
 * the witness channel), at most once per head: an unchanged head is not posted again. The
 * mark moves only if publishing succeeded, so a failed post is retried at the next
 * interval.
 */
class AuditWitness {

	private final AuditEntryRepository repository;

	private final AuditProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transaction;

	AuditWitness(AuditEntryRepository repository, AuditProperties properties, ApplicationEventPublisher events,
			Clock clock, PlatformTransactionManager transactions) {
		this.repository = repository;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Publishes the head when witnessing is on and the head moved since the last post.
	 */
	Optional<AuditHeadWitnessed> witness() {
		String channel = properties.witnessChannel();
		if (channel == null) {
			return Optional.empty();
		}
		return transaction.execute(status -> {
			ChainHead head = repository.head();
			boolean unchanged = repository.lastWitness()
				.map(mark -> mark.sequence() == head.sequence() && mark.hash().equals(head.hash()))
				.orElse(head.sequence() == 0);
			if (unchanged) {
				return Optional.<AuditHeadWitnessed>empty();
			}
			AuditHeadWitnessed witnessed = new AuditHeadWitnessed(head.sequence(), head.hash(), channel,
					clock.instant());
			events.publishEvent(witnessed);
			repository.markWitnessed(head, witnessed.occurredAt());
			return Optional.of(witnessed);
		});
	}

}
