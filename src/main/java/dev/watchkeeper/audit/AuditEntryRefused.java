package dev.watchkeeper.audit;

/**
 * An event could not be recorded as given (invalid action name, oversized details, ...);
 * nothing was written.
 */
public class AuditEntryRefused extends IllegalArgumentException {

	public AuditEntryRefused(String message) {
		super(message);
	}

}
