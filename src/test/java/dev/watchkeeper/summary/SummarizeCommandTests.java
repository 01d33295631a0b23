package dev.watchkeeper.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.alerts.AlertHooks;
import dev.watchkeeper.alerts.MalformedAlertPayload;
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

class SummarizeCommandTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private static CliCommand summarize() {
		return ServiceLoader.load(CliCommand.class)
			.stream()
			.map(ServiceLoader.Provider::get)
			.filter(c -> c.name().equals("summarize"))
			.findFirst()
			.orElseThrow();
	}

	private int run(List<String> args, String stdin) throws Exception {
		return summarize().run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@Test
	void printsThePlainTextSummaryOfAPayloadFile(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("payload.json");
		Files.writeString(file, AlertHooks.fixture("alertmanager-firing.json"));

		int exit = run(List.of(file.toString()), "");

		String text = out.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(text).startsWith("[FIRING] KubePodCrashLooping\n")
			.contains("Severity: critical   Alerts: 2 firing, 0 resolved")
			.contains("Affected instance (2): 10.2.3.4:8080, 10.2.3.5:8080")
			.contains("  Silence: http://alertmanager.example.com:9093/#/silences/new?filter=");
	}

	@Test
	void readsStandardInputForADash() throws Exception {
		int exit = run(List.of("-"), AlertHooks.fixture("grafana-firing.json"));

		assertThat(exit).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("[FIRING] DiskAlmostFull\n");
	}

	@Test
	void saysSoWhenThePayloadHasNoAlerts() throws Exception {
		assertThat(run(List.of("-"), "{\"alerts\": []}")).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8))
			.isEqualTo("The payload has no alerts." + System.lineSeparator());
	}

	@Test
	void namesWhatIsWrongWithABadPayload() {
		assertThatThrownBy(() -> run(List.of("-"), "{\"alerts\": 3}")).isInstanceOf(MalformedAlertPayload.class)
			.hasMessage("'alerts' must be an array, not a number");
	}

	@Test
	void refusesAMissingFileAsBadUsage() {
		assertThatThrownBy(() -> run(List.of("/nonexistent/payload.json"), ""))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("no such file: /nonexistent/payload.json");
		assertThatThrownBy(() -> run(List.of(), "")).isInstanceOf(IllegalArgumentException.class);
	}

}
