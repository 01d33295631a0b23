package dev.watchkeeper.alerts.internal;

import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.alerts.Incidents;
import dev.watchkeeper.alerts.internal.IncidentRepository.StoredIncident;
import dev.watchkeeper.core.IncidentId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers other modules' questions about incidents from the database. */
@Component
class IncidentQueries implements Incidents {

	private static final Comparator<Incident> MOST_SEVERE_THEN_OLDEST = Comparator
		.comparing(Incident::severity, Comparator.reverseOrder())
		.thenComparing(Incident::openedAt);

	private final IncidentRepository repository;

	IncidentQueries(IncidentRepository repository) {
		this.repository = repository;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Incident> find(IncidentId id) {
		return repository.load(id.value()).map(StoredIncident::toIncident);
	}

	@Override
	@Transactional(readOnly = true)
	public List<Incident> open() {
		return repository.loadOpen().stream().map(StoredIncident::toIncident).sorted(MOST_SEVERE_THEN_OLDEST).toList();
	}

}
