package dev.watchkeeper.audit;

import dev.watchkeeper.core.AuditableEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The audit trail: one hash chain of sealed entries. Every {@link AuditableEvent}
 * published in the application is appended automatically, in the publisher's transaction;
 * modules call this directly only to append explicitly or to read.
 */
public interface AuditTrail {

	/**
	 * Appends an entry for the event in the caller's transaction (or a new one), or
	 * returns the existing entry when this event id is already recorded. Fails closed:
	 * any failure throws, so the caller's transaction rolls back.
	 * @throws AuditEntryRefused when the event cannot be recorded as given (blank action,
	 * oversized details, ...)
	 */
	AuditEntry append(AuditableEvent event);

	/**
	 * Newest first, at most {@code limit} entries with a sequence number below
	 * {@code before} (keyset paging).
	 */
	AuditPage search(AuditQuery query, @Nullable Long before, int limit);

	Optional<AuditEntry> entry(long sequence);

	ChainHead head();

	/**
	 * Walks the whole chain and reports the first broken entry, or that all are intact.
	 * Records an {@code audit.verified} entry for the reviewer after the walk (when a key
	 * is available to seal it).
	 */
	Verification verify(Reviewer by);

	/**
	 * Streams every entry matching the query, oldest first, to {@code out}. Records an
	 * {@code audit.exported} entry for the reviewer before the first byte is written: an
	 * export that cannot be audited does not happen.
	 * @return the number of entries written
	 */
	long export(AuditQuery query, ExportFormat format, OutputStream out, Reviewer by) throws IOException;

	/**
	 * The stored form of a sensitive identifier ({@code hmac-sha256:<hex>}), so a
	 * reviewer can find the entries that mention a lease id or accessor without the trail
	 * holding it in clear.
	 */
	String hashIdentifier(String value);

}
