package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.diagnostics.internal.ShareCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code java -jar watchkeeper.jar share ...} against a running server, as an on-call engineer types it. */
@DiagnosticsIntegrationTest
class ShareCommandIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	@Test
	void sharesAFileAndPrintsOnlyTheLinkThenGetsItBack() throws Exception {
		Path file = dir.resolve("threads.txt");
		Files.writeString(file, "\"main\" #1 prio=5 os_prio=0 tid=0x00007f RUNNABLE\n".repeat(40_000));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int shared = new ShareCommand().run(List.of(file.toString(), "--ttl", "4h", "--views", "1", "--server",
				"http://127.0.0.1:" + port), new ByteArrayInputStream(new byte[0]), new PrintStream(out),
				new PrintStream(err));

		assertThat(shared).isZero();
		String link = out.toString(StandardCharsets.UTF_8).strip();
		assertThat(link).matches("http://127\\.0\\.0\\.1:" + port + "/d/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}");
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Encrypted locally").contains("1 view");

		Path target = dir.resolve("copy.txt");
		ByteArrayOutputStream getErr = new ByteArrayOutputStream();
		int got = new ShareCommand().run(List.of("--get", link, "--out", target.toString()),
				new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(getErr));

		assertThat(got).isZero();
		assertThat(Files.mismatch(file, target)).isEqualTo(-1);
		assertThat(getErr.toString(StandardCharsets.UTF_8)).contains("(threads.txt)").contains("that was the last view");
		assertThat(dir.resolve("copy.txt.part")).doesNotExist();
	}

	@Test
	void readsThePassphraseFromTheFirstLineOfStdinWhenThereIsNoConsole() throws Exception {
		Path file = dir.resolve("secret.env");
		Files.writeString(file, "DB_PASSWORD=rotated-at-10-42\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		new ShareCommand().run(List.of(file.toString(), "--passphrase", "--server", "http://127.0.0.1:" + port),
				new ByteArrayInputStream("pass phrase\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(out),
				new PrintStream(new ByteArrayOutputStream()));
		String link = out.toString(StandardCharsets.UTF_8).strip();
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		new ShareCommand().run(List.of("--get", link), new ByteArrayInputStream("pass phrase\n".getBytes()),
				new PrintStream(content), new PrintStream(new ByteArrayOutputStream()));

		assertThat(content.toString(StandardCharsets.UTF_8)).isEqualTo("DB_PASSWORD=rotated-at-10-42\n");
	}

	@Test
	void stdinOfUnknownLengthIsStreamed() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] piped = "jstack output\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);

		new ShareCommand().run(List.of("-", "--server", "http://127.0.0.1:" + port), new ByteArrayInputStream(piped),
				new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		new ShareCommand().run(List.of("--get", out.toString(StandardCharsets.UTF_8).strip()),
				new ByteArrayInputStream(new byte[0]), new PrintStream(content),
				new PrintStream(new ByteArrayOutputStream()));

		assertThat(content.toByteArray()).isEqualTo(piped);
	}

	@Test
	void aFailedGetLeavesNoPartialFile() throws Exception {
		Path target = dir.resolve("never.txt");
		String unknown = "http://127.0.0.1:" + port + "/d/AAAAAAAAAAAAAAAAAAAAAA#" + "A".repeat(43);

		Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
				() -> new ShareCommand().run(List.of("--get", unknown, "--out", target.toString()),
						new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
						new PrintStream(new ByteArrayOutputStream())));

		assertThat(failure).hasMessageContaining("This link is not available");
		assertThat(target).doesNotExist();
		assertThat(dir.resolve("never.txt.part")).doesNotExist();
	}
}
