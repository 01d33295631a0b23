package dev.watchkeeper.diagnostics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShareCommandTests {

	@Test
	void parsesFileLifetimeViewsAndServer() {
		ShareCommand.Options options = ShareCommand.Options.parse(
				List.of("heap.txt", "--ttl", "4h", "--views=3", "--passphrase", "--server", "https://wk.example.com"));

		assertThat(options.file()).isEqualTo("heap.txt");
		assertThat(options.ttl()).isEqualTo(Duration.ofHours(4));
		assertThat(options.views()).isEqualTo(3);
		assertThat(options.passphrase()).isTrue();
		assertThat(options.server()).isEqualTo("https://wk.example.com");
	}

	@Test
	void defaultsToADayAndOneView() {
		ShareCommand.Options options = ShareCommand.Options.parse(List.of("-"));

		assertThat(options.ttl()).isEqualTo(Duration.ofHours(24));
		assertThat(options.views()).isEqualTo(1);
	}

	@Test
	void thePassphraseIsNeverAnArgumentValue() {
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f.txt", "--passphrase=hunter2")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("the passphrase is never an argument")
			.hasMessageNotContaining("hunter2");
	}

	@Test
	void lifetimeAndViewsOutsideTheLimitsAreRefused() {
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--ttl", "8d")))
			.hasMessage("the lifetime must be between 5 minutes and 7 days");
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--ttl", "1m")))
			.hasMessage("the lifetime must be between 5 minutes and 7 days");
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--views", "11")))
			.hasMessage("views must be between 1 and 10");
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--views", "many")))
			.hasMessage("--views must be a number from 1 to 10");
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--ttl", "soon")))
			.hasMessage("--ttl must look like 30m, 4h or 7d");
	}

	@Test
	void unknownOptionsAndMissingFilesAreNamed() {
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--burn")))
			.hasMessage("unknown option --burn");
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of())).hasMessage("which file? (use - for stdin)");
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("a", "b")))
			.hasMessage("one file at a time (got a and b)");
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--ttl"))).hasMessage("--ttl needs a value");
	}

	@Test
	void durationsReadAsHumansWriteThem() {
		assertThat(ShareCommand.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(ShareCommand.parseDuration("30m")).isEqualTo(Duration.ofMinutes(30));
		assertThat(ShareCommand.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
		assertThat(ShareCommand.parseDuration("PT4H")).isEqualTo(Duration.ofHours(4));
	}

	@Test
	void withoutServerItSaysWhichSettingToUse() {
		ShareCommand command = new ShareCommand(Map.<String, String>of()::get);

		assertThatThrownBy(() -> command.run(List.of("pom.xml"), new ByteArrayInputStream(new byte[0]),
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())))
			.hasMessage("no server: pass --server URL or set WATCHKEEPER_PUBLIC_URL");
	}

	@Test
	void aMissingFileIsNamed() {
		ShareCommand command = new ShareCommand(Map.of("WATCHKEEPER_PUBLIC_URL", "http://127.0.0.1:1")::get);

		assertThatThrownBy(() -> command.run(List.of("no-such-file.log"), new ByteArrayInputStream(new byte[0]),
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())))
			.hasMessage("no such file: no-such-file.log");
	}

	@Test
	void theAudienceIsReadFromChannelAndRepeatedOrCommaSeparatedUsers() {
		ShareCommand.Options options = ShareCommand.Options
			.parse(List.of("f", "--channel=C0INCIDENT1", "--user", "U0ALICE01", "--users", "U0BOB0001,U0ALICE01,"));

		assertThat(options.audience().channel()).isEqualTo("C0INCIDENT1");
		assertThat(options.audience().users()).containsExactly("U0ALICE01", "U0BOB0001");
		assertThat(ShareCommand.Options.parse(List.of("f")).audience().wholeTeam()).isTrue();
	}

	@Test
	void audienceOptionsAreNamedWhenWrongOrMisplaced() {
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--user", "@alice")))
			.hasMessageStartingWith("--user @alice: audience users must be Slack user ids like U0123ABCD");
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--users", ",")))
			.hasMessage("--users needs a Slack user id like U0123ABCD");
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--channel", "C0AAA1", "--channel", "C0BBB2")))
			.hasMessage("one --channel per share (got C0AAA1 and C0BBB2)");
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("--get", "http://x/d/a#b", "--channel", "C0AAA1")))
			.hasMessage("--channel and --user choose who may open a new share; they do not go with --get");
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--users",
				String.join(",",
						java.util.stream.IntStream.range(0, 51).mapToObj(i -> "U0USER" + (100 + i)).toList()))))
			.hasMessage("at most 50 named users may be in an audience");
	}

}
