package dev.watchkeeper.runbooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.runbooks.ActionTypes;
import dev.watchkeeper.runbooks.Alerts;
import dev.watchkeeper.runbooks.RunbooksReloaded;
import dev.watchkeeper.runbooks.Suggestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionOperations;

class ReloadingRunbooksTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	@TempDir
	Path dir;

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private ReloadingRunbooks runbooks;

	@AfterEach
	void stop() {
		if (runbooks != null) {
			runbooks.stop();
		}
	}

	@Test
	void loadsAtStartAndPublishesWhatItLoaded() throws IOException {
		write("a.md", "a", "AlertA");

		start();

		assertThat(runbooks.catalog().runbooks()).hasSize(1);
		assertThat(events).singleElement().isInstanceOfSatisfying(RunbooksReloaded.class, e -> {
			assertThat(e.loaded()).isEqualTo(1);
			assertThat(e.skipped()).isZero();
			assertThat(e.actor()).isEqualTo("system");
			assertThat(e.action()).isEqualTo("runbooks.reloaded");
			assertThat(e.outcome()).isEqualTo("ok");
			assertThat(e.occurredAt()).isEqualTo(NOW);
			assertThat(e.details()).containsEntry("loaded", "1").containsEntry("skipped", "0");
		});
	}

	@Test
	void newRunbookIsSuggestedWithoutARestart() throws IOException {
		write("a.md", "a", "AlertA");
		start();
		assertThat(runbooks.suggestFor(List.of(Alerts.firing(Map.of("alertname", "AlertB"))))).isEmpty();

		write("b.md", "b", "AlertB");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(runbooks.suggestFor(List.of(Alerts.firing(Map.of("alertname", "AlertB")))))
				.extracting((Suggestion s) -> s.runbook().id())
				.containsExactly("b"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(events).last()
				.isInstanceOfSatisfying(RunbooksReloaded.class, e -> assertThat(e.loaded()).isEqualTo(2)));
	}

	@Test
	void brokenEditIsSkippedAndTheRestKeepsWorking() throws IOException {
		write("a.md", "a", "AlertA");
		write("b.md", "b", "AlertB");
		start();

		Files.writeString(dir.resolve("b.md"), "---\nid: b\ntitle: [broken\n---\n");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(events).last().isInstanceOfSatisfying(RunbooksReloaded.class, e -> {
				assertThat(e.loaded()).isEqualTo(1);
				assertThat(e.skipped()).isEqualTo(1);
				assertThat(e.outcome()).isEqualTo("with-problems");
				assertThat(e.skippedFiles()).containsExactly(dir.resolve("b.md").toString());
			}));
		assertThat(runbooks.suggestFor(List.of(Alerts.firing(Map.of("alertname", "AlertA"))))).hasSize(1);
	}

	@Test
	void deletedRunbookDisappears() throws IOException {
		write("a.md", "a", "AlertA");
		start();

		Files.delete(dir.resolve("a.md"));

		await().atMost(Duration.ofSeconds(10)).until(() -> runbooks.catalog().runbooks().isEmpty());
		assertThat(runbooks.search("a")).isEmpty();
	}

	@Test
	void directoryCreatedAfterStartIsPickedUp() throws IOException {
		Path later = dir.resolve("later");
		runbooks = new ReloadingRunbooks(later, Duration.ofMillis(20), ActionTypes.defaults(), events::add,
				TransactionOperations.withoutTransaction(), Clock.fixed(NOW, ZoneOffset.UTC));
		runbooks.start();
		assertThat(runbooks.catalog().problems()).isNotEmpty();

		Files.createDirectories(later);
		Files.writeString(later.resolve("a.md"), RunbookText.of("a", "AlertA"));

		await().atMost(Duration.ofSeconds(10)).until(() -> runbooks.catalog().runbooks().size() == 1);
	}

	@Test
	void unchangedDirectoryIsNotReloaded() throws IOException {
		write("a.md", "a", "AlertA");
		runbooks = new ReloadingRunbooks(dir, Duration.ofHours(1), ActionTypes.defaults(), events::add,
				TransactionOperations.withoutTransaction(), Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(runbooks.reloadIfChanged()).isFalse();
		write("b.md", "b", "AlertB");
		assertThat(runbooks.reloadIfChanged()).isTrue();
		assertThat(runbooks.reloadIfChanged()).isFalse();
	}

	@Test
	void usesTheActionTypesItIsGiven() throws IOException {
		Files.writeString(dir.resolve("a.md"), RunbookText.of("a", "AlertA") + """
				2. Page someone.
				   ```action
				   type: pager.page
				   ```
				""");

		runbooks = new ReloadingRunbooks(dir, Duration.ofHours(1), type -> type.equals("pager.page"), events::add,
				TransactionOperations.withoutTransaction(), Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(runbooks.catalog().problems()).isEmpty();
		assertThat(runbooks.catalog().runbooks()).hasSize(1);
	}

	private void start() {
		runbooks = new ReloadingRunbooks(dir, Duration.ofMillis(20), ActionTypes.defaults(), events::add,
				TransactionOperations.withoutTransaction(), Clock.fixed(NOW, ZoneOffset.UTC));
		runbooks.start();
	}

	private void write(String file, String id, String alertName) throws IOException {
		Files.writeString(dir.resolve(file), RunbookText.of(id, alertName));
	}

}
