package dev.watchkeeper.audit.internal;

import dev.watchkeeper.Watchkeeper;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.AuditTrail;
import dev.watchkeeper.audit.ExportFormat;
import dev.watchkeeper.audit.Reviewer;
import dev.watchkeeper.audit.Verification;
import dev.watchkeeper.core.cli.CliCommand;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code audit verify} and {@code audit export}: boots the application without a web
 * server, with Quartz, Slack and event republication inert and without running
 * migrations, against the configured database and audit key (the same settings as the
 * server). The key is never generated here: verifying with a fresh key would prove
 * nothing. Both commands are themselves audited (actor {@code cli:<os user>}) when the
 * key is available.
 */
public class AuditCommand implements CliCommand {

	private static final Set<String> FILTERS = Set.of(AuditQuery.PARAMETERS);

	@Override
	public String name() {
		return "audit";
	}

	@Override
	public String usage() {
		return "audit verify | audit export [--format jsonl|csv] [--actor A] [--action X] [--incident I] "
				+ "[--outcome O] [--subject S] [--from T] [--to T] [--output FILE] [--spring.datasource.url=...]";
	}

	@Override
	public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception {
		if (args.isEmpty() || !(args.get(0).equals("verify") || args.get(0).equals("export"))) {
			throw new IllegalArgumentException("expected 'verify' or 'export'");
		}
		Map<String, String> options = new LinkedHashMap<>();
		Map<String, String> settings = new LinkedHashMap<>(inertSettings());
		parse(args.subList(1, args.size()), options, settings);
		if (args.get(0).equals("verify") && !options.isEmpty()) {
			throw new IllegalArgumentException(
					"'audit verify' takes no options, got --" + options.keySet().iterator().next());
		}
		AuditQuery query = AuditQuery.parse(options::get);
		ExportFormat format = ExportFormat.parse(options.get("format"));
		Reviewer cli = new Reviewer("cli:" + System.getProperty("user.name", "unknown"), "", "cli");
		PrintStream stdout = System.out;
		// Spring's console logging writes to System.out: send it to stderr so stdout
		// carries only the result
		System.setOut(err);
		try (ConfigurableApplicationContext context = boot(settings)) {
			AuditTrail trail = context.getBean(AuditTrail.class);
			if (args.get(0).equals("verify")) {
				return verify(trail, cli, out);
			}
			String output = options.get("output");
			try (OutputStream target = output == null ? new NonClosing(out)
					: new BufferedOutputStream(Files.newOutputStream(Path.of(output)))) {
				long written = trail.export(query, format, target, cli);
				err.println("exported " + written + " entries" + (output == null ? "" : " to " + output));
			}
			return 0;
		}
		finally {
			System.setOut(stdout);
		}
	}

	private static int verify(AuditTrail trail, Reviewer cli, PrintStream out) {
		Verification result = trail.verify(cli);
		if (result instanceof Verification.Intact ok) {
			out.println("OK: " + ok.entries() + " entries, head " + ok.headSequence() + " " + ok.headHash());
			return 0;
		}
		Verification.Broken broken = (Verification.Broken) result;
		out.println("BROKEN at entry " + broken.sequence() + ": " + broken.problem() + " - " + broken.explanation()
				+ " (" + broken.verifiedEntries() + " entries verified before it)");
		return 1;
	}

	private static void parse(List<String> args, Map<String, String> options, Map<String, String> settings) {
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'");
			}
			String name = arg.substring(2);
			String value;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				value = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			else if (i + 1 < args.size()) {
				value = args.get(++i);
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
			if (FILTERS.contains(name) || name.equals("format") || name.equals("output")) {
				options.put(name, value);
			}
			else if (name.startsWith("spring.") || name.startsWith("watchkeeper.") || name.startsWith("logging.")) {
				settings.put(name, value);
			}
			else {
				throw new IllegalArgumentException("unknown option --" + name);
			}
		}
	}

	/** Settings that keep a command-line run from acting as a server. */
	static Map<String, String> inertSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.main.banner-mode", "off");
		settings.put("spring.main.log-startup-info", "false");
		settings.put("logging.level.root", "WARN");
		settings.put("spring.quartz.auto-startup", "false");
		settings.put("spring.flyway.enabled", "false");
		// events left over from a crashed server are the server's to redeliver, not this
		// tool's
		settings.put("spring.modulith.events.republish-outstanding-events-on-restart", "false");
		settings.put("watchkeeper.slack.app-token", "");
		settings.put("watchkeeper.slack.bot-token", "");
		settings.put("watchkeeper.slack.signing-secret", "");
		settings.put("watchkeeper.audit.generate-missing-key", "false");
		// reading the trail must not add to it: no runbook reload entries from this tool
		settings.put("watchkeeper.runbooks.watch", "false");
		return settings;
	}

	private static ConfigurableApplicationContext boot(Map<String, String> settings) {
		String[] args = settings.entrySet()
			.stream()
			.map(e -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(Watchkeeper.class).web(WebApplicationType.NONE)
			.registerShutdownHook(false)
			.run(Arrays.copyOf(args, args.length));
	}

	/** Lets the export flush into stdout without closing it. */
	private static final class NonClosing extends java.io.FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws java.io.IOException {
			out.write(b, off, len);
		}

		@Override
		public void close() throws java.io.IOException {
			flush();
		}

	}

}
