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
		assertThatThrownBy(() -> ShareCommand.Options.parse(List.of("f", "--burn"))).hasMessage("unknown option --burn");
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
}
