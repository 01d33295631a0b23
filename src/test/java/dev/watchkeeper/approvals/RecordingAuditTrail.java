package dev.watchkeeper.approvals;

import dev.watchkeeper.core.AuditableEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.springframework.context.event.EventListener;

/**
 * Stands in for the audit module's listener: synchronous, inside the publisher's
 * transaction, and able to fail like an unavailable audit store (throwing rolls the
 * publisher's transaction back).
 */
public class RecordingAuditTrail {

	private final List<AuditableEvent> entries = new CopyOnWriteArrayList<>();

	private final List<ActionExecutionBlocked> blocked = new CopyOnWriteArrayList<>();

	private volatile Predicate<AuditableEvent> failWhen = e -> false;

	@EventListener
	void append(AuditableEvent event) {
		if (failWhen.test(event)) {
			throw new IllegalStateException("audit store unavailable (test)");
		}
		entries.add(event);
	}

	@EventListener
	void blocked(ActionExecutionBlocked event) {
		blocked.add(event);
	}

	public void failWhen(Predicate<AuditableEvent> condition) {
		failWhen = condition;
	}

	public void reset() {
		failWhen = e -> false;
	}

	public List<AuditableEvent> entriesAbout(Object subject) {
		return entries.stream().filter(e -> e.subject().equals(subject.toString())).toList();
	}

	public List<AuditableEvent> entries(String action, Object subject) {
		return entriesAbout(subject).stream().filter(e -> e.action().equals(action)).toList();
	}

	public List<ActionExecutionBlocked> blocked() {
		return List.copyOf(blocked);
	}

}
