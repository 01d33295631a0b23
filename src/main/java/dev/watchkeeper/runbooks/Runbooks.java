package dev.watchkeeper.runbooks;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.runbooks.internal.IndexedRunbooks;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Suggests runbooks for alerts and searches the catalog. The Spring bean follows the
 * runbook directory as it changes; {@link #of(RunbookCatalog)} gives a fixed instance for
 * tools that run without Spring.
 */
public interface Runbooks {

	/**
	 * At most this many suggestions for an incident: a thread shows two or three, not a
	 * list to scroll.
	 */
	int SUGGESTION_LIMIT = 3;

	/** At most this many results for a search. */
	int SEARCH_LIMIT = 5;

	/**
	 * The runbooks that fit these alerts, best first, at most {@link #SUGGESTION_LIMIT}.
	 * A {@code runbook_url} annotation naming a known runbook ranks first, then runbooks
	 * whose label matchers all match, then full-text relevance of the alert name, summary
	 * and description. Firing alerts are considered when there are any.
	 */
	List<Suggestion> suggestFor(Collection<Alert> alerts);

	/**
	 * Full-text search of titles, keywords and bodies; an exact runbook id ranks first.
	 * The query is plain text: search syntax characters are just characters.
	 */
	List<Suggestion> search(String query);

	/**
	 * One runbook rendered for one alert (or with templates unresolved when {@code alert}
	 * is null), with no reasons. For a "Run" button: the click carries the runbook id,
	 * step number and alert fingerprint, and the handler renders the step again from the
	 * catalog instead of trusting parameters sent back by the client.
	 */
	Optional<Suggestion> render(String runbookId, @Nullable Alert alert);

	/**
	 * A fixed, searchable view of one loaded catalog (builds an in-memory index; no
	 * Spring, no threads).
	 */
	static Runbooks of(RunbookCatalog catalog) {
		return IndexedRunbooks.of(catalog);
	}

}
