package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.Watchkeeper;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.testkit.FreePort;
import dev.watchkeeper.testkit.BrowserlessSignIn;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.SlackOidcProvider;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What Sign in with Slack adds to a reveal: the time of one reveal (nonce + reveal over
 * HTTP, a 1 KiB share) by a signed-in person for each kind of audience, including a
 * 10,000-member channel read from the fake Slack Web API (10 pages) on every reveal and
 * from the one-minute cache. Run with
 * {@code ./mvnw -B -o -Pbench test -Dtest=DiagnosticsSignInBenchmark}; prints a Markdown
 * table.
 */
class DiagnosticsSignInBenchmark {

	static final int RUNS = 200;

	static final int WARMUP = 50;

	@Test
	void measure() throws Exception {
		int port = FreePort.next();
		URI url = URI.create("http://localhost:" + port);
		FakeSlackApi slack = FakeSlackApi.shared();
		slack.reset();
		List<String> members = new ArrayList<>(IntStream.range(0, 9_999).mapToObj(i -> "U0M" + i).toList());
		members.add(SlackOidcProvider.RITA.slackUserId());
		try (SlackOidcProvider provider = SlackOidcProvider.start(url.toString(), "slack")) {
			List<String> args = new ArrayList<>(List.of("--server.port=" + port,
					"--spring.datasource.url=jdbc:h2:mem:sign-in-bench;DB_CLOSE_DELAY=-1",
					"--spring.quartz.auto-startup=false", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--watchkeeper.public-url=" + url,
					"--watchkeeper.audit.hmac-key=diagnostics-sign-in-benchmark-hmac-key-0123456789",
					"--watchkeeper.slack.api-url=" + slack.apiUrl(), "--watchkeeper.slack.bot-token=xoxb-bench",
					"--watchkeeper.slack.signing-secret=" + SlackRequestSigner.TEST_SIGNING_SECRET,
					"--watchkeeper.diagnostics.storage-dir=target/bench-diagnostics-sign-in",
					"--watchkeeper.diagnostics.creates-per-hour=0", "--watchkeeper.diagnostics.requests-per-minute=0"));
			args.addAll(provider.clientArguments("slack"));
			try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Watchkeeper.class)
				.run(args.toArray(String[]::new))) {
				Diagnostics diagnostics = app.getBean(Diagnostics.class);
				BrowserlessSignIn browser = new BrowserlessSignIn();
				String first = diagnostics
					.shareText("x", Duration.ofHours(1), 1, new SlackUserId("U0CREATOR"), "", ShareAudience.TEAM)
					.id()
					.value();
				browser.signIn(url.resolve("/d/sign-in?share=" + first), SlackOidcProvider.RITA);
				ShareProtocol rita = new ShareProtocol(url, browser.http());
				slack.channelMembers("C0CACHED", members);
				// JIT warm-up of the whole reveal path before any scenario is measured
				measure(diagnostics, rita, i -> ShareAudience.TEAM);
				measure(diagnostics, rita, i -> ShareAudience.TEAM);

				List<String> table = new ArrayList<>();
				table.add("| audience of the share | Slack calls per reveal | p50 ms | p99 ms |");
				table.add("|---|---|---|---|");
				table.add(row("whole workspace (team id cached)", "0",
						measure(diagnostics, rita, i -> ShareAudience.TEAM)));
				table.add(row("named people", "0", measure(diagnostics, rita,
						i -> ShareAudience.users(List.of(SlackOidcProvider.RITA.slackUserId())))));
				table.add(row("channel of 10,000 members, cached", "0",
						measure(diagnostics, rita, i -> ShareAudience.channel("C0CACHED"))));
				table.add(row("channel of 10,000 members, read on every reveal (10 pages)", "10",
						measure(diagnostics, rita, i -> {
							String channel = "C0FRESH" + i;
							slack.channelMembers(channel, members);
							return ShareAudience.channel(channel);
						})));
				String report = "## Diagnostics: Sign in with Slack\n\nCommand: `./mvnw -B -o -Pbench test "
						+ "-Dtest=DiagnosticsSignInBenchmark`. Machine: " + Runtime.getRuntime().availableProcessors()
						+ " cores, Java " + System.getProperty("java.version") + ". One reveal = nonce + reveal over "
						+ "HTTP by a signed-in person (session from the real OIDC flow against Spring Authorization "
						+ "Server), 1 KiB share, " + RUNS + " reveals after " + WARMUP
						+ " warm-up reveals per row (and 500 before the first), one client, H2; the fake Slack Web API on "
						+ "loopback.\n\n" + String.join("\n", table) + "\n";
				System.out.println("\n" + report);
				Files.writeString(Path.of("target", "diagnostics-sign-in-benchmark.md"), report);
			}
		}
	}

	private static long[] measure(Diagnostics diagnostics, ShareProtocol rita, IntFunction<ShareAudience> audience) {
		long[] nanos = new long[RUNS];
		for (int i = -WARMUP; i < RUNS; i++) {
			ShareLink link = diagnostics.shareText("benchmark ".repeat(100), Duration.ofHours(1), 1,
					new SlackUserId("U0CREATOR"), "", audience.apply(i + WARMUP));
			long start = System.nanoTime();
			int status = rita.reveal(link.id().value(), ShareProtocol.key(link.url())).statusCode();
			long took = System.nanoTime() - start;
			assertThat(status).isEqualTo(200);
			if (i >= 0) {
				nanos[i] = took;
			}
		}
		java.util.Arrays.sort(nanos);
		return nanos;
	}

	private static String row(String name, String calls, long[] sorted) {
		return String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f |", name, calls, sorted[sorted.length / 2] / 1e6,
				sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6);
	}

}
