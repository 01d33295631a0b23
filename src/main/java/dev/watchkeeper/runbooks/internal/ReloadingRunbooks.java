package dev.watchkeeper.runbooks.internal;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.core.FeatureReport;
import dev.watchkeeper.runbooks.ActionTypes;
import dev.watchkeeper.runbooks.RunbookCatalog;
import dev.watchkeeper.runbooks.RunbookProblem;
import dev.watchkeeper.runbooks.Runbooks;
import dev.watchkeeper.runbooks.RunbooksProperties;
import dev.watchkeeper.runbooks.RunbooksReloaded;
import dev.watchkeeper.runbooks.Suggestion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The application's {@link Runbooks}: loads the directory at start, checks it every
 * {@code watchkeeper.runbooks.reload-interval} and swaps in a freshly indexed catalog
 * when a file changed. A bad file is logged and skipped; a reload that fails keeps the
 * previous catalog. Publishes {@link RunbooksReloaded} for the first load and every
 * reload.
 */
@Component
public class ReloadingRunbooks implements Runbooks, SmartLifecycle, FeatureReport {

	private static final Logger log = LoggerFactory.getLogger(ReloadingRunbooks.class);

	private final Path dir;

	private final Duration interval;

	private final ActionTypes actionTypes;

	private final ApplicationEventPublisher events;

	private final TransactionOperations transactions;

	private final Clock clock;

	private volatile IndexedRunbooks current;

	private volatile DirectorySnapshot snapshot;

	private @Nullable ScheduledExecutorService poller;

	private volatile boolean stopping;

	/**
	 * @param actionTypes the action types runbooks may use;
	 * {@link ActionTypes#defaults()} unless a bean is defined
	 * @param transactions events are published inside a transaction so the event
	 * publication registry keeps them
	 */
	@Autowired
	public ReloadingRunbooks(RunbooksProperties properties, ObjectProvider<ActionTypes> actionTypes,
			ApplicationEventPublisher events, ObjectProvider<TransactionOperations> transactions,
			ObjectProvider<Clock> clock) {
		this(properties.dir(), properties.reloadInterval(), actionTypes.getIfUnique(ActionTypes::defaults), events,
				transactions.getIfUnique(TransactionOperations::withoutTransaction),
				clock.getIfUnique(Clock::systemUTC));
		this.autoStartup = properties.watch();
	}

	ReloadingRunbooks(Path dir, Duration interval, ActionTypes actionTypes, ApplicationEventPublisher events,
			TransactionOperations transactions, Clock clock) {
		this.dir = dir;
		this.interval = interval;
		this.actionTypes = actionTypes;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		// loaded here, not in start(), so suggestions work for anything that runs before
		// the context is started
		this.snapshot = DirectorySnapshot.of(dir);
		this.current = IndexedRunbooks.of(load());
	}

	private boolean autoStartup = true;

	@Override
	public boolean isAutoStartup() {
		return autoStartup;
	}

	@Override
	public List<Suggestion> suggestFor(Collection<Alert> alerts) {
		return current.suggestFor(alerts);
	}

	@Override
	public List<Suggestion> search(String query) {
		return current.search(query);
	}

	@Override
	public Optional<Suggestion> render(String runbookId, @Nullable Alert alert) {
		return current.render(runbookId, alert);
	}

	/** The catalog now in use. */
	public RunbookCatalog catalog() {
		return current.catalog();
	}

	/** Reloads when the files changed since the last look; returns whether it did. */
	boolean reloadIfChanged() {
		DirectorySnapshot now = DirectorySnapshot.of(dir);
		if (now.equals(snapshot)) {
			return false;
		}
		// the snapshot is taken before reading, so an edit made while loading shows up as
		// a change next time
		snapshot = now;
		IndexedRunbooks loaded = IndexedRunbooks.of(load());
		if (stopping) {
			// the context is closing: nobody will read this catalog, and publishing would
			// fail
			return false;
		}
		current = loaded;
		published(current.catalog());
		return true;
	}

	private RunbookCatalog load() {
		RunbookCatalog catalog = RunbookCatalog.load(dir, actionTypes);
		for (RunbookProblem problem : catalog.problems()) {
			log.warn("runbook skipped: {}", problem);
		}
		log.info("runbooks: {} loaded, {} skipped from {}", catalog.runbooks().size(), catalog.skipped(),
				dir.toAbsolutePath());
		return catalog;
	}

	private void published(RunbookCatalog catalog) {
		List<String> skippedFiles = catalog.problems().stream().map(RunbookProblem::file).distinct().toList();
		RunbooksReloaded event = new RunbooksReloaded(UUID.randomUUID(), clock.instant(), dir.toString(),
				catalog.runbooks().size(), catalog.skipped(), skippedFiles);
		try {
			transactions.executeWithoutResult(status -> events.publishEvent(event));
		}
		catch (RuntimeException ex) {
			// a reload is not a destructive action: keep serving runbooks, but say loudly
			// that it went unrecorded
			log.error("runbooks: reload of {} could not be recorded in the audit trail: {}", dir, ex.getMessage());
		}
	}

	private void poll() {
		try {
			reloadIfChanged();
		}
		catch (RuntimeException ex) {
			// keep serving the last good catalog; the next poll tries again
			log.error("runbooks: reload of {} failed, keeping the previous catalog", dir, ex);
		}
	}

	@Override
	public synchronized void start() {
		if (poller != null) {
			return;
		}
		stopping = false;
		published(current.catalog());
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "runbooks-reload");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
		poller = executor;
	}

	@Override
	public synchronized void stop() {
		if (poller != null) {
			// no interrupt: Lucene turns it into an exception mid-index; a reload in
			// progress just finishes
			stopping = true;
			poller.shutdown();
			poller = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return poller != null;
	}

	@Override
	public List<Feature> features() {
		RunbookCatalog catalog = current.catalog();
		return List.of(new Feature("runbooks (" + catalog.runbooks().size() + " loaded from " + dir + ")",
				!catalog.runbooks().isEmpty(),
				"put runbook .md files in " + dir.toAbsolutePath() + " or set WATCHKEEPER_RUNBOOKS_DIR"));
	}

}
