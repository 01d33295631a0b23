package dev.watchkeeper.approvals.internal;

import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.ActionRequestId;
import dev.watchkeeper.approvals.Transition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves PENDING requests past their expiry time to EXPIRED (each by compare-and-set with
 * its audit event) and forgets clicks older than Slack's replay window. Approval of an
 * expired request is refused on time even before this runs; this makes the message and
 * the audit trail say so.
 */
@Component
public class RequestExpiry {

	/**
	 * Slack refuses signatures older than 5 minutes; a replayed click older than this
	 * cannot arrive.
	 */
	static final Duration CLICK_MEMORY = Duration.ofMinutes(10);

	private static final Logger log = LoggerFactory.getLogger(RequestExpiry.class);

	private final ActionRequestRepository requests;

	private final ClickLedger clicks;

	private final RequestEvents events;

	private final TransactionTemplate tx;

	private final Clock clock;

	public RequestExpiry(ActionRequestRepository requests, ClickLedger clicks, RequestEvents events,
			PlatformTransactionManager transactions, Clock clock) {
		this.requests = requests;
		this.clicks = clicks;
		this.events = events;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/**
	 * @return how many requests expired
	 */
	public int expireDue() {
		List<ActionRequestId> due = requests.findExpiredPending(clock.instant(), 500);
		int expired = 0;
		for (ActionRequestId id : due) {
			try {
				Boolean done = tx.execute(status -> {
					ActionRequest current = requests.find(id).orElse(null);
					if (current == null || !(current.expire(clock) instanceof Transition.Applied applied)) {
						return false;
					}
					if (!requests.compareAndSet(current, applied.next())) {
						return false;
					}
					events.expired(applied.next());
					return true;
				});
				expired += Boolean.TRUE.equals(done) ? 1 : 0;
			}
			catch (RuntimeException ex) {
				log.error("request {} could not be expired: {}", id, events.redact(ex.getMessage(), 300));
			}
		}
		clicks.purgeOlderThan(clock.instant().minus(CLICK_MEMORY));
		return expired;
	}

}
