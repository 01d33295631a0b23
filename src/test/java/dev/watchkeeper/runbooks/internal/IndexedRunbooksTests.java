package dev.watchkeeper.runbooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.runbooks.Alerts;
import dev.watchkeeper.runbooks.RenderedStep;
import dev.watchkeeper.runbooks.RunbookCatalog;
import dev.watchkeeper.runbooks.Runbooks;
import dev.watchkeeper.runbooks.Suggestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexedRunbooksTests {

	@TempDir
	Path dir;

	private Runbooks runbooks;

	@BeforeEach
	void catalog() throws IOException {
		write("crash-loop", "Pod is crash-looping", "[alertname=KubePodCrashLooping]", "[CrashLoopBackOff]",
				"Read the logs of the previous container with kubectl logs --previous.");
		write("crash-loop-payments", "Payments pod crash-looping",
				"[alertname=KubePodCrashLooping, namespace=payments]", "[]",
				"Payments has its own on-call: page them before restarting anything.");
		write("pool", "Database connection pool exhausted", "[]", "[hikaricp, max_connections]",
				"Requests wait for a database connection; the connection pool is full. Check pg_stat_activity.");
		write("disk", "Disk almost full", "[alertname=~\"NodeFilesystem.*\"]", "[no space left on device]",
				"Find what grew with du and clean up journal logs.");
		write("leak", "Leaked credential", "[alertname=CredentialLeaked]", "[vault lease]",
				"Revoke the lease.\n   ```action\n   type: vault.revoke-lease\n   lease_id: \"{{ annotations.lease_id }}\"\n   ```");
		write("generic", "Generic triage", "[]", "[]", "Look at dashboards, logs and recent deploys for the pod.");
		runbooks = Runbooks.of(RunbookCatalog.load(dir));
	}

	@Test
	void runbookUrlNamingAKnownRunbookWinsOverLabelMatches() {
		Alert alert = Alerts.firing(Map.of("alertname", "KubePodCrashLooping", "namespace", "payments"),
				Map.of("runbook_url", "https://git.example.com/ops/runbooks/blob/main/runbooks/generic.md"));

		List<Suggestion> suggestions = runbooks.suggestFor(List.of(alert));

		assertThat(suggestions).extracting(s -> s.runbook().id())
			.containsExactly("generic", "crash-loop-payments", "crash-loop");
		assertThat(suggestions.get(0).reasons()).first()
			.isEqualTo("runbook_url: https://git.example.com/ops/runbooks/blob/main/runbooks/generic.md");
	}

	@Test
	void runbookUrlMayNameTheIdInAFragmentOrAsAWikiPage() {
		IndexedRunbooks indexed = IndexedRunbooks.of(RunbookCatalog.load(dir));

		assertThat(indexed.runbookNamedBy("https://wiki.example.com/ops#disk")).isNotNull();
		assertThat(indexed.runbookNamedBy("https://wiki.example.com/runbooks/Disk/")).isNotNull();
		assertThat(indexed.runbookNamedBy("disk")).isNotNull();
		assertThat(indexed.runbookNamedBy("https://wiki.example.com/runbooks/unknown")).isNull();
		assertThat(indexed.runbookNamedBy("not a url # at all")).isNull();
	}

	@Test
	void moreSpecificLabelMatchRanksFirstAndShowsEachMatcher() {
		List<Suggestion> suggestions = runbooks.suggestFor(List.of(Alerts.crashLooping("payments", "api-7d9f")));

		assertThat(suggestions).extracting(s -> s.runbook().id()).startsWith("crash-loop-payments", "crash-loop");
		assertThat(suggestions.get(0).reasons()).startsWith("alertname=KubePodCrashLooping", "namespace=payments");
		assertThat(suggestions.get(1).reasons()).startsWith("alertname=KubePodCrashLooping");
	}

	@Test
	void regexMatchShowsTheValueItMatched() {
		Alert alert = Alerts.firing(Map.of("alertname", "NodeFilesystemAlmostOutOfSpace", "instance", "node-3"));

		Suggestion top = runbooks.suggestFor(List.of(alert)).get(0);

		assertThat(top.runbook().id()).isEqualTo("disk");
		assertThat(top.reasons()).first()
			.isEqualTo("alertname=~NodeFilesystem.* (alertname=NodeFilesystemAlmostOutOfSpace)");
	}

	@Test
	void withoutLabelMatchesFullTextRanksAndQuotesTheAlertsWords() {
		Alert alert = Alerts.firing(Map.of("alertname", "OrdersDbSaturated"), Map.of("summary",
				"Connection pool of orders-api is exhausted", "description", "All connections in use for 5 minutes."));

		List<Suggestion> suggestions = runbooks.suggestFor(List.of(alert));

		assertThat(suggestions).isNotEmpty();
		assertThat(suggestions.get(0).runbook().id()).isEqualTo("pool");
		assertThat(suggestions.get(0).reasons()).containsExactly("text: 'Connection pool exhausted'");
	}

	@Test
	void camelCaseAlertNameMeetsProse() {
		Alert alert = Alerts.firing(Map.of("alertname", "ConnectionPoolExhausted"));

		assertThat(runbooks.suggestFor(List.of(alert))).first()
			.satisfies(s -> assertThat(s.runbook().id()).isEqualTo("pool"))
			.satisfies(s -> assertThat(s.reasons()).containsExactly("text: 'Connection Pool Exhausted'"));
	}

	@Test
	void atMostThreeSuggestions() {
		Alert alert = Alerts.firing(Map.of("alertname", "KubePodCrashLooping", "namespace", "payments"),
				Map.of("summary", "pod restarting, logs, disk, connection pool, lease, dashboards, deploys"));

		assertThat(runbooks.suggestFor(List.of(alert))).hasSize(Runbooks.SUGGESTION_LIMIT);
	}

	@Test
	void alertWithNothingInCommonGetsNoSuggestion() {
		Alert alert = Alerts.firing(Map.of("alertname", "Watchdog"), Map.of("summary", "zzz qqq"));

		assertThat(runbooks.suggestFor(List.of(alert))).isEmpty();
		assertThat(runbooks.suggestFor(List.of())).isEmpty();
	}

	@Test
	void oneSharedWordIsNotEnoughToSuggestARunbook() {
		// "dashboards" appears only in the generic runbook; one common word is no
		// evidence
		Alert alert = Alerts.firing(Map.of("alertname", "ServiceDown"), Map.of("summary", "zzz dashboards qqq"));

		assertThat(runbooks.suggestFor(List.of(alert))).isEmpty();
		assertThat(runbooks.search("dashboards")).extracting(s -> s.runbook().id()).containsExactly("generic");
	}

	@Test
	void firingAlertsAreConsideredBeforeResolvedOnes() {
		Alert resolved = Alerts.resolved(Map.of("alertname", "CredentialLeaked"));
		Alert firing = Alerts.crashLooping("shop", "web-1");

		List<Suggestion> suggestions = runbooks.suggestFor(List.of(resolved, firing));

		assertThat(suggestions).extracting(s -> s.runbook().id()).doesNotContain("leak");
		assertThat(runbooks.suggestFor(List.of(resolved))).extracting(s -> s.runbook().id()).first().isEqualTo("leak");
	}

	@Test
	void stepsAreFilledFromTheMatchingAlert() {
		Alert other = Alerts.crashLooping("shop", "web-1");
		Alert leak = Alerts.leakedLease("database/creds/checkout/AbC123");

		Suggestion suggestion = runbooks.suggestFor(List.of(other, leak))
			.stream()
			.filter(s -> s.runbook().id().equals("leak"))
			.findFirst()
			.orElseThrow();

		assertThat(suggestion.alertFingerprint()).isEqualTo(leak.fingerprint());
		RenderedStep step = suggestion.steps().get(0);
		assertThat(step.needsInput()).isFalse();
		assertThat(step.action().type()).isEqualTo("vault.revoke-lease");
		assertThat(step.action().params()).containsExactly(Map.entry("lease_id", "database/creds/checkout/AbC123"));
		assertThat(step.action().complete()).isTrue();
	}

	@Test
	void missingAlertFieldMarksTheStepAsNeedingInput() {
		Alert withoutLease = Alerts.firing(Map.of("alertname", "CredentialLeaked"));

		RenderedStep step = runbooks.suggestFor(List.of(withoutLease)).get(0).steps().get(0);

		assertThat(step.needsInput()).isTrue();
		assertThat(step.missingFields()).containsExactly("annotations.lease_id");
		assertThat(step.action().paramsNeedingInput()).containsExactly("lease_id");
		// the template stays as written: nothing is guessed
		assertThat(step.action().params()).containsEntry("lease_id", "{{ annotations.lease_id }}");
	}

	@Test
	void alertValuesAreInsertedAsTextNeverExpandedAgain() {
		Alert sneaky = Alerts.firing(Map.of("alertname", "CredentialLeaked"),
				Map.of("lease_id", "{{ annotations.other }}", "other", "secret-value"));

		RenderedStep step = runbooks.suggestFor(List.of(sneaky)).get(0).steps().get(0);

		assertThat(step.action().params()).containsEntry("lease_id", "{{ annotations.other }}");
	}

	@Test
	void rendersOneRunbookForOneAlertById() {
		Alert leak = Alerts.leakedLease("database/creds/checkout/AbC123");

		Suggestion rendered = runbooks.render("leak", leak).orElseThrow();

		assertThat(rendered.reasons()).isEmpty();
		assertThat(rendered.alertFingerprint()).isEqualTo(leak.fingerprint());
		assertThat(rendered.steps().get(0).action().params()).containsEntry("lease_id",
				"database/creds/checkout/AbC123");
		assertThat(runbooks.render("leak", null).orElseThrow().steps().get(0).needsInput()).isTrue();
		assertThat(runbooks.render("nope", leak)).isEmpty();
	}

	@Test
	void searchFindsByTextAndRanksAnExactIdFirst() {
		assertThat(runbooks.search("pool")).first().satisfies(s -> {
			assertThat(s.runbook().id()).isEqualTo("pool");
			assertThat(s.reasons()).containsExactly("id: pool", "text: 'pool'");
			assertThat(s.alertFingerprint()).isNull();
		});
		assertThat(runbooks.search("no space left")).first()
			.satisfies(s -> assertThat(s.runbook().id()).isEqualTo("disk"));
		assertThat(runbooks.search("   ")).isEmpty();
	}

	@Test
	void searchShowsActionStepsAsNeedingInput() {
		RenderedStep step = runbooks.search("leaked credential").get(0).steps().get(0);

		assertThat(step.needsInput()).isTrue();
		assertThat(step.missingFields()).containsExactly("annotations.lease_id");
	}

	@Test
	void searchTreatsQuerySyntaxAsPlainText() {
		List<String> queries = List.of("connection AND", "OR pool", "NOT", "pool~2", "title:pool", "\"unclosed",
				"(pool", "pool)", "[a TO", "{x}", "a && b || !c", "*", "?", "/regex/", "\\", "^3", "+-", "pool:*",
				"💥 pool", "AND OR NOT", "a".repeat(50_000), "word ".repeat(5_000));
		for (String q : queries) {
			assertThatNoException().as(q.length() > 40 ? "long query" : q).isThrownBy(() -> runbooks.search(q));
		}
		assertThat(runbooks.search("connection AND")).first()
			.satisfies(s -> assertThat(s.runbook().id()).isEqualTo("pool"));
		assertThat(runbooks.search("(pool)")).first().satisfies(s -> assertThat(s.runbook().id()).isEqualTo("pool"));
	}

	@Test
	void alertTextWithQuerySyntaxIsPlainTextToo() {
		Alert alert = Alerts.firing(Map.of("alertname", "X"),
				Map.of("summary", "pool: \"exhausted\" (AND) [0 TO 9] {a} ~ ^ * ? \\", "description", "||&&!"));

		assertThatNoException().isThrownBy(() -> runbooks.suggestFor(List.of(alert)));
	}

	@Test
	void emptyCatalogSuggestsNothing() {
		Runbooks empty = Runbooks.of(RunbookCatalog.load(dir.resolve("missing")));

		assertThat(empty.suggestFor(List.of(Alerts.crashLooping("a", "b")))).isEmpty();
		assertThat(empty.search("pool")).isEmpty();
	}

	private void write(String id, String title, String match, String keywords, String step) throws IOException {
		Files.writeString(dir.resolve(id + ".md"), """
				---
				id: %s
				title: %s
				owner: sre
				severity: warning
				match: %s
				keywords: %s
				---
				## Steps

				1. %s
				""".formatted(id, title, match, keywords, step));
	}

}
