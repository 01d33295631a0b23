package dev.watchkeeper.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.alerts.Alert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suggestion latency for one alert against 10,000 generated runbooks, and catalog load
 * time. Run with {@code ./mvnw -B -o -Pbench test -Dtest=RunbooksBenchmark}; results go
 * to BENCHMARKS.md by hand.
 */
class RunbooksBenchmark {

	private static final int RUNBOOKS = 10_000;

	private static final int WARMUP = 300;

	private static final int MEASURED = 2_000;

	private static final String[] WORDS = ("pod node disk memory cpu latency error rate timeout connection pool "
			+ "database queue consumer lag kafka rabbitmq vault lease token certificate expiry ingress service "
			+ "deployment rollout rollback restart crash loop oom killed kubelet network dns tls replica shard "
			+ "index query slow lock deadlock transaction backup restore snapshot volume storage quota throttle "
			+ "cache eviction redis postgres mysql elasticsearch cluster leader election heartbeat probe liveness "
			+ "readiness scaling autoscaler budget burn slo availability saturation traffic spike canary release "
			+ "feature flag config secret rotation credential audit alert page escalate mitigate drain cordon")
		.split(" ");

	@TempDir
	Path dir;

	@Test
	void suggestionLatencyAndLoadTime() throws IOException {
		Random random = new Random(42);
		for (int i = 0; i < RUNBOOKS; i++) {
			Files.writeString(dir.resolve("rb-%05d.md".formatted(i)), generated(i, random));
		}

		long[] loadMillis = new long[3];
		long[] indexMillis = new long[3];
		Runbooks runbooks = null;
		for (int round = 0; round < loadMillis.length; round++) {
			long t0 = System.nanoTime();
			RunbookCatalog catalog = RunbookCatalog.load(dir);
			long t1 = System.nanoTime();
			runbooks = Runbooks.of(catalog);
			long t2 = System.nanoTime();
			loadMillis[round] = (t1 - t0) / 1_000_000;
			indexMillis[round] = (t2 - t1) / 1_000_000;
			assertThat(catalog.runbooks()).hasSize(RUNBOOKS);
			assertThat(catalog.problems()).isEmpty();
		}

		List<Alert> labelled = new ArrayList<>();
		List<Alert> textOnly = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			int target = random.nextInt(RUNBOOKS);
			labelled.add(Alerts.firing(
					Map.of("alertname", "GeneratedAlert" + target % 2_000, "team", "team" + target % 50, "namespace",
							"ns" + target % 20),
					Map.of("summary", sentence(random, 8), "description", sentence(random, 25), "lease_id",
							"database/creds/app/" + i)));
			textOnly.add(Alerts.firing(Map.of("alertname", "UnknownAlert" + i),
					Map.of("summary", sentence(random, 8), "description", sentence(random, 25))));
		}
		Runbooks measured = runbooks;
		long[] labelNanos = latencies(() -> measured.suggestFor(List.of(labelled.get(random.nextInt(100)))));
		long[] textNanos = latencies(() -> measured.suggestFor(List.of(textOnly.get(random.nextInt(100)))));
		long[] searchNanos = latencies(() -> measured.search(sentence(random, 3)));
		assertThat(runbooks.suggestFor(List.of(labelled.get(0)))).hasSize(Runbooks.SUGGESTION_LIMIT);

		System.out.printf("%n## Runbooks benchmark: %,d runbooks%n", RUNBOOKS);
		System.out.printf("catalog load (read + parse + validate): %s ms (3 rounds)%n", Arrays.toString(loadMillis));
		System.out.printf("index build (Lucene, in memory):        %s ms (3 rounds)%n", Arrays.toString(indexMillis));
		report("suggestFor(1 alert), label + text match", labelNanos);
		report("suggestFor(1 alert), text only", textNanos);
		report("search(3 words)", searchNanos);
	}

	private static long[] latencies(Runnable call) {
		for (int i = 0; i < WARMUP; i++) {
			call.run();
		}
		long[] nanos = new long[MEASURED];
		for (int i = 0; i < MEASURED; i++) {
			long t0 = System.nanoTime();
			call.run();
			nanos[i] = System.nanoTime() - t0;
		}
		Arrays.sort(nanos);
		return nanos;
	}

	private static void report(String what, long[] sorted) {
		System.out.printf("%-42s p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d calls)%n", what + ":",
				sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
				sorted[sorted.length - 1] / 1e6, sorted.length);
	}

	private static String generated(int i, Random random) {
		return """
				---
				id: rb-%05d
				title: %s
				owner: team%d
				severity: %s
				match:
				  - alertname=GeneratedAlert%d
				  - team=~"team%d|platform"
				keywords: [%s, %s, %s]
				---
				# %s

				%s

				## Steps

				1. Check: %s
				   ```bash
				   kubectl -n {{ labels.namespace }} get pods -l app={{ labels.app }}
				   ```
				2. %s
				3. Revoke if needed: %s
				   ```action
				   type: vault.revoke-lease
				   lease_id: "{{ annotations.lease_id }}"
				   ```
				4. %s
				5. %s
				""".formatted(i, sentence(random, 5), i % 50, i % 3 == 0 ? "critical" : "warning", i % 2_000, i % 50,
				word(random), word(random), word(random), sentence(random, 5), sentence(random, 60),
				sentence(random, 20), sentence(random, 20), sentence(random, 15), sentence(random, 20),
				sentence(random, 20));
	}

	private static String sentence(Random random, int words) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < words; i++) {
			out.append(i == 0 ? "" : " ").append(word(random));
		}
		return out.toString();
	}

	private static String word(Random random) {
		// mostly common words, some rare ones, as in real prose
		return random.nextInt(5) == 0 ? "term" + random.nextInt(5_000) : WORDS[random.nextInt(WORDS.length)];
	}

}
