package dev.watchkeeper.alerts;

import dev.watchkeeper.core.IncidentId;
import java.util.List;
import java.util.Optional;

/**
 * Reads incidents: the questions other modules (Slack, runbooks, approvals) ask about
 * what is broken.
 */
public interface Incidents {

	Optional<Incident> find(IncidentId id);

	/** Open incidents, most severe first, then oldest first. */
	List<Incident> open();

}
