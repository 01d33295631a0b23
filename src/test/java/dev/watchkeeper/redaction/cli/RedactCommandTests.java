package dev.watchkeeper.redaction.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.watchkeeper.core.cli.CliCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watchkeeper redact}: scrubbed text on standard output, kinds and counts on
 * standard error.
 */
class RedactCommandTests {

	private static final String TOKEN = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z05";

	private static final String KEY = """
			-----BEGIN RSA PRIVATE KEY-----
			MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6Z1U9rWv7QmN3pQ5rS7tU9vW1xY3z
			aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z05MIIEpAIBAAKCAQEA3Tz2mr7SZiAMf
			-----END RSA PRIVATE KEY-----""";

	private final RedactCommand command = new RedactCommand();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String input, String... args) throws Exception {
		return command.run(List.of(args), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void scrubsStandardInputAndSummarisesKindsAndCountsOnStandardError() throws Exception {
		int exit = run("clone with " + TOKEN + "\nmail jane@example.com and bob@example.org\nplain line\n");

		assertThat(exit).isZero();
		assertThat(out()).isEqualTo(
				"clone with [REDACTED:github-token]\nmail [REDACTED:email] and [REDACTED:email]\n" + "plain line\n");
		assertThat(err()).contains("redact: 3 findings")
			.containsPattern("email\\s+2")
			.containsPattern("github-token\\s+1");
		assertThat(err()).doesNotContain(TOKEN).doesNotContain("jane@example.com");
	}

	@Test
	void readsAFile(@TempDir Path dir) throws Exception {
		Path log = dir.resolve("app.log");
		Files.writeString(log, "password=hunter2\n");

		run("ignored stdin", log.toString());

		assertThat(out()).isEqualTo("password=[REDACTED:password]\n");
	}

	@Test
	void aDashMeansStandardInput() throws Exception {
		run("password=hunter2", "-");

		assertThat(out()).isEqualTo("password=[REDACTED:password]");
	}

	@Test
	void keepsLineEndingsAndAMissingFinalNewline() throws Exception {
		run("a\r\nb\rc\n\nlast");

		assertThat(out()).isEqualTo("a\r\nb\rc\n\nlast");
		assertThat(err()).contains("redact: no findings");
	}

	@Test
	void redactsAPrivateKeySpreadOverLinesAsOneFinding() throws Exception {
		run("before\n" + KEY + "\nafter " + TOKEN + "\n");

		assertThat(out()).isEqualTo("before\n[REDACTED:private-key]\nafter [REDACTED:github-token]\n");
		assertThat(err()).containsPattern("private-key\\s+1");
	}

	@Test
	void aYamlBlockValueBelowASecretKeyIsRedactedAsOneText() throws Exception {
		run("""
				database:
				  password: |
				    Zq8v-first-line-of-the-secret-7Hk2
				    second-line-of-the-secret-9Pw4
				  user: bob
				plain log line
				""");

		assertThat(out()).doesNotContain("first-line-of-the-secret")
			.doesNotContain("second-line-of-the-secret")
			.contains("user: bob")
			.endsWith("plain log line\n");
	}

	@Test
	void aKubernetesSecretIsRedactedEvenWhenItsDataComesBeforeItsKind() throws Exception {
		run("""
				apiVersion: v1
				data:
				  config.json: eyJhcGlLZXkiOiJzay1saXZlLTQyIn0=
				  dbhost: ZGIuaW50ZXJuYWw=
				kind: Secret
				metadata:
				  name: payments-db
				type: Opaque
				---
				apiVersion: v1
				data:
				  log-level: debug
				kind: ConfigMap
				metadata:
				  name: payments-config
				""");

		assertThat(out()).doesNotContain("eyJhcGlLZXkiOiJzay1saXZlLTQyIn0=")
			.doesNotContain("ZGIuaW50ZXJuYWw=")
			.contains("name: payments-db")
			.contains("log-level: debug")
			.contains("---\n");
	}

	@Test
	void aKeyCutOffByTheEndOfInputIsStillRedacted() throws Exception {
		String truncated = KEY.substring(0, KEY.indexOf("-----END"));

		run("before\n" + truncated);

		assertThat(out()).isEqualTo("before\n[REDACTED:private-key]");
	}

	@Test
	void anEndlessKeyIsDroppedUntilItsEndMarkerWithBoundedMemory() throws Exception {
		String body = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\n";
		String huge = "-----BEGIN PRIVATE KEY-----\n" + body.repeat(RedactCommand.MAX_KEY_CHARS / body.length() + 100)
				+ "-----END PRIVATE KEY----- tail\nnext line\n";

		run(huge);

		assertThat(out()).isEqualTo("[REDACTED:private-key]\n tail\nnext line\n").doesNotContain("QUJD");
	}

	@Test
	void redactsIpAddressesOnlyWhenAskedTo() throws Exception {
		run("from 10.0.3.7\n", "--redact-ip-addresses");

		assertThat(out()).isEqualTo("from [REDACTED:ip-address]\n");
	}

	@Test
	void refusesAMissingFileClearly(@TempDir Path dir) {
		assertThatIllegalArgumentException().isThrownBy(() -> run("", dir.resolve("nope.log").toString()))
			.withMessageContaining("cannot read")
			.withMessageContaining("nope.log");
	}

	@Test
	void refusesUnknownOptionsAndSeveralFiles() {
		assertThatIllegalArgumentException().isThrownBy(() -> run("", "--verbose"))
			.withMessageContaining("unknown option --verbose");
		assertThatIllegalArgumentException().isThrownBy(() -> run("", "a.log", "b.log"))
			.withMessageContaining("one FILE at most");
	}

	@Test
	void isRegisteredAsTheRedactSubCommand() {
		assertThat(ServiceLoader.load(CliCommand.class).stream().map(ServiceLoader.Provider::get)).anySatisfy(
				c -> assertThat(c).isInstanceOf(RedactCommand.class).extracting(CliCommand::name).isEqualTo("redact"));
	}

}
