package dev.watchkeeper.runbooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.watchkeeper.core.cli.CliCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbooksCommandTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void shippedRunbooksPassTheCheck() {
		int exit = run("check", "runbooks");

		assertThat(output()).endsWith("checked 8 files: 8 valid, 0 with problems\n");
		assertThat(exit).isZero();
	}

	@Test
	void checkDefaultsToTheRunbooksDirectory() {
		assertThat(run("check")).isZero();
	}

	@Test
	void checkPrintsFileAndLineOfEveryProblemAndFails() throws IOException {
		Files.writeString(dir.resolve("good.md"), RunbookText.of("good", "A"));
		Files.writeString(dir.resolve("bad.md"), RunbookText.of("bad", "B").replace("alertname=B", "job=~\"(x\"") + """
				2. Revoke.
				   ```action
				   type: vault.revoke-everything
				   ```
				""");

		int exit = run("check", dir.toString());

		assertThat(exit).isEqualTo(1);
		assertThat(output()).isEqualTo("""
				%1$s:7: match: invalid regex in matcher job=~(x: Unclosed group
				%1$s:14: step 2 action: unknown action type 'vault.revoke-everything' (known: noop.echo, \
				vault.revoke-lease, vault.revoke-prefix, vault.revoke-token-accessor, vault.rotate-database-role)
				checked 2 files: 1 valid, 1 with problems
				""".formatted(dir.resolve("bad.md")));
	}

	@Test
	void emptyDirectoryFailsTheCheck() {
		assertThat(run("check", dir.toString())).isEqualTo(1);
		assertThat(output()).contains("no runbook files");
	}

	@Test
	void badUsageIsAnIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> run("check", dir.resolve("missing").toString()))
			.withMessage("no such directory: " + dir.resolve("missing"));
		assertThatIllegalArgumentException().isThrownBy(() -> run()).withMessageContaining("check or search");
		assertThatIllegalArgumentException().isThrownBy(() -> run("lint")).withMessageContaining("'lint'");
		assertThatIllegalArgumentException().isThrownBy(() -> run("search")).withMessage("search needs a query");
	}

	@Test
	void searchPrintsRankedRunbooksWithReasonsAndSteps() {
		int exit = run("search", "--dir", "runbooks", "lease", "revoke");

		assertThat(exit).isZero();
		assertThat(output()).startsWith("1. leaked-credential - Leaked credential")
			.contains("matched: text: 'lease revoke'")
			.contains("[action vault.revoke-lease]");
	}

	@Test
	void isFoundByTheCommandLineWithoutSpring() {
		assertThat(ServiceLoader.load(CliCommand.class).stream().map(ServiceLoader.Provider::type))
			.contains(RunbooksCommand.class);
	}

	private int run(String... args) {
		try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
				PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			return new RunbooksCommand().run(List.of(args), new ByteArrayInputStream(new byte[0]), o, e);
		}
	}

	private String output() {
		return out.toString(StandardCharsets.UTF_8);
	}

}
