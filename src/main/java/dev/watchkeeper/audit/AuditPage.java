package dev.watchkeeper.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of search results, newest first.
 *
 * @param entries the entries on this page
 * @param nextBefore pass as {@code before} to get the next (older) page; null on the last
 * page
 */
public record AuditPage(List<AuditEntry> entries, @Nullable Long nextBefore) {

	public AuditPage {
		entries = List.copyOf(entries);
	}
}
