package dev.watchkeeper.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookCatalogTests {

	@TempDir
	Path dir;

	static String runbook(String id) {
		return """
				---
				id: %s
				title: Runbook %s
				owner: sre
				severity: warning
				match:
				  - alertname=%s
				---
				## Steps

				1. Look at it.
				2. Fix it.
				""".formatted(id, id, id);
	}

	@Test
	void badRunbookIsSkippedAndTheOthersLoad() throws IOException {
		Files.writeString(dir.resolve("a-good.md"), runbook("good"));
		Files.writeString(dir.resolve("b-broken.md"), "---\nid: broken\ntitle: [unclosed\n---\n## Steps\n1. x\n");
		Files.writeString(dir.resolve("c-also-good.md"), runbook("also-good"));

		RunbookCatalog catalog = RunbookCatalog.load(dir);

		assertThat(catalog.runbooks()).extracting(Runbook::id).containsExactly("good", "also-good");
		assertThat(catalog.skipped()).isEqualTo(1);
		assertThat(catalog.problems()).singleElement()
			.satisfies(p -> assertThat(p.toString())
				.startsWith(dir.resolve("b-broken.md") + ":3: front matter: invalid YAML"));
	}

	@Test
	void duplicateIdKeepsTheFirstFileAndNamesBoth() throws IOException {
		Files.writeString(dir.resolve("a.md"), runbook("same"));
		Files.writeString(dir.resolve("b.md"), runbook("same"));

		RunbookCatalog catalog = RunbookCatalog.load(dir);

		assertThat(catalog.runbooks()).singleElement()
			.extracting(Runbook::file)
			.isEqualTo(dir.resolve("a.md").toString());
		assertThat(catalog.problems()).singleElement()
			.hasToString(dir.resolve("b.md") + ":2: duplicate id 'same': already used by " + dir.resolve("a.md")
					+ "; this file is skipped");
	}

	@Test
	void readsSubdirectoriesAndLeavesOutReadmeHiddenAndOtherFiles() throws IOException {
		Files.createDirectories(dir.resolve("databases"));
		Files.createDirectories(dir.resolve(".git"));
		Files.writeString(dir.resolve("databases/pool.md"), runbook("pool"));
		Files.writeString(dir.resolve("README.md"), "# Our runbooks\n");
		Files.writeString(dir.resolve(".git/notes.md"), "not a runbook");
		Files.writeString(dir.resolve(".draft.md"), "not a runbook");
		Files.writeString(dir.resolve("notes.txt"), "not a runbook");

		RunbookCatalog catalog = RunbookCatalog.load(dir);

		assertThat(catalog.runbooks()).extracting(Runbook::id).containsExactly("pool");
		assertThat(catalog.problems()).isEmpty();
	}

	@Test
	void missingDirectoryIsAProblemNotACrash() {
		RunbookCatalog catalog = RunbookCatalog.load(dir.resolve("nowhere"));

		assertThat(catalog.runbooks()).isEmpty();
		assertThat(catalog.problems()).singleElement()
			.satisfies(p -> assertThat(p.message()).isEqualTo("runbook directory not found"));
	}

	@Test
	void fileThatIsNotUtf8IsReported() throws IOException {
		Files.write(dir.resolve("latin1.md"), new byte[] { '-', '-', '-', '\n', (byte) 0xE9, (byte) 0xFF, '\n' });

		RunbookCatalog catalog = RunbookCatalog.load(dir);

		assertThat(catalog.problems()).singleElement().hasToString(dir.resolve("latin1.md") + ":1: not UTF-8 text");
	}

	@Test
	void oversizedFileIsRefused() throws IOException {
		Files.writeString(dir.resolve("huge.md"), runbook("huge") + "x".repeat((int) RunbookCatalog.MAX_FILE_BYTES));

		RunbookCatalog catalog = RunbookCatalog.load(dir);

		assertThat(catalog.runbooks()).isEmpty();
		assertThat(catalog.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("limited to"));
	}

	@Test
	void findsRunbooksById() throws IOException {
		Files.writeString(dir.resolve("x.md"), runbook("x"));

		RunbookCatalog catalog = RunbookCatalog.load(dir);

		assertThat(catalog.find("x")).isPresent();
		assertThat(catalog.find("y")).isEmpty();
	}

}
