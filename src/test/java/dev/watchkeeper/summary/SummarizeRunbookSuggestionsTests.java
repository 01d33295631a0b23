package dev.watchkeeper.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.alerts.AlertHooks;
import dev.watchkeeper.core.cli.CliCommand;
import dev.watchkeeper.summary.internal.SummarizeCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summarize --runbooks DIR FILE}: the summary followed by the runbooks that fit,
 * in plain text.
 */
class SummarizeRunbookSuggestionsTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private int run(List<String> args) throws Exception {
		CliCommand command = new SummarizeCommand();
		return command.run(args, new ByteArrayInputStream(new byte[0]),
				new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
	}

	private static Path payload(Path dir) throws Exception {
		Path file = dir.resolve("payload.json");
		Files.writeString(file, AlertHooks.fixture("alertmanager-firing.json"));
		return file;
	}

	@Test
	void printsTheShippedCrashLoopRunbookWithReasonsAndFilledSteps(@TempDir Path dir) throws Exception {
		int exit = run(List.of("--runbooks", "runbooks", payload(dir).toString()));

		String text = out.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(text).startsWith("[FIRING] KubePodCrashLooping\n")
			.contains("\nRunbooks:\n1. Pod is crash-looping [pod-crash-looping] owner platform-team, severity warning")
			.contains("   why: alertname=KubePodCrashLooping")
			.contains("   1. **Read the last state.**")
			.contains("kubectl -n checkout describe pod checkout-7d9f-abcde");
	}

	@Test
	void printsActionParametersAndWhichNeedInput(@TempDir Path dir) throws Exception {
		Path runbooks = Files.createDirectory(dir.resolve("rb"));
		Files.writeString(runbooks.resolve("echo.md"), """
				---
				id: echo-crash
				title: Echo a crash
				owner: test
				severity: critical
				match:
				  - alertname=KubePodCrashLooping
				---

				## Steps

				1. Echo it.
				   ```action
				   type: noop.echo
				   message: "{{ labels.pod }}"
				   ```
				2. Echo the lease.
				   ```action
				   type: noop.echo
				   message: "{{ annotations.lease_id }}"
				   ```
				""");

		assertThat(run(List.of(payload(dir).toString(), "--runbooks", runbooks.toString()))).isZero();

		assertThat(out.toString(StandardCharsets.UTF_8)).contains("1. Echo a crash [echo-crash]")
			.contains("      action: noop.echo message=checkout-7d9f-abcde")
			.contains("      action: noop.echo message=(needs input)");
	}

	@Test
	void printsNoRunbookSectionWhenNothingFits(@TempDir Path dir) throws Exception {
		Path empty = Files.createDirectory(dir.resolve("empty"));

		assertThat(run(List.of("--runbooks", empty.toString(), payload(dir).toString()))).isZero();

		assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("[FIRING]").doesNotContain("Runbooks:");
	}

	@Test
	void missingRunbookDirectoryIsAClearError(@TempDir Path dir) throws Exception {
		Path file = payload(dir);

		assertThatThrownBy(() -> run(List.of("--runbooks", dir.resolve("nope").toString(), file.toString())))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("no such runbook directory");
		assertThatThrownBy(() -> run(List.of(file.toString(), "--runbooks")))
			.hasMessage("--runbooks needs a directory");
	}

}
