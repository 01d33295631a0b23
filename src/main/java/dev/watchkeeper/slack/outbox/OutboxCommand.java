package dev.watchkeeper.slack.outbox;

import dev.watchkeeper.Watchkeeper;
import dev.watchkeeper.core.cli.CliCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code outbox parked} and {@code outbox requeue}: lists the Slack outbox entries parked
 * because Slack refused them for good, and puts them back in the queue once the cause is
 * fixed. Boots the application without a web server, with Quartz, Slack delivery and
 * event republication inert and without running migrations, against the configured
 * database (the same settings as the server); a running server delivers the requeued
 * entries.
 */
public class OutboxCommand implements CliCommand {

	@Override
	public String name() {
		return "outbox";
	}

	@Override
	public String usage() {
		return "outbox parked|requeue [--channel C...] [--spring.datasource.url=...]";
	}

	@Override
	public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception {
		if (args.isEmpty() || !(args.get(0).equals("parked") || args.get(0).equals("requeue"))) {
			throw new IllegalArgumentException("expected 'parked' or 'requeue'");
		}
		List<String> channels = new ArrayList<>();
		Map<String, String> settings = inertSettings();
		parse(args.subList(1, args.size()), channels, settings);
		// refuse a bad channel before booting anything
		ParkedEntries.checked(channels);
		PrintStream stdout = System.out;
		// Spring's console logging writes to System.out: send it to stderr so stdout
		// carries only the result
		System.setOut(err);
		try (ConfigurableApplicationContext context = boot(settings)) {
			ParkedEntries parked = context.getBean(ParkedEntries.class);
			if (args.get(0).equals("parked")) {
				List<ParkedEntry> entries = parked.list(channels);
				for (ParkedEntry entry : entries) {
					out.println(entry.id() + "\t" + entry.channel() + "\t" + entry.kind() + "\t" + entry.messageKey()
							+ "\t" + entry.parkedAt() + "\t" + entry.attempts() + "\t"
							+ (entry.error() == null ? "" : entry.error()));
				}
				err.println(
						entries.size() + " parked" + (entries.size() == ParkedEntries.LIST_LIMIT ? " (or more)" : "")
								+ (channels.isEmpty() ? "" : " in " + String.join(", ", channels)));
				return 0;
			}
			int requeued = parked.requeue(channels);
			out.println("requeued " + requeued + " entries"
					+ (channels.isEmpty() ? "" : " in " + String.join(", ", channels)));
			return 0;
		}
		finally {
			System.setOut(stdout);
		}
	}

	private static void parse(List<String> args, List<String> channels, Map<String, String> settings) {
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
			if (name.equals("channel")) {
				channels.add(value);
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
	private static Map<String, String> inertSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.main.banner-mode", "off");
		settings.put("spring.main.log-startup-info", "false");
		settings.put("logging.level.root", "WARN");
		settings.put("spring.quartz.auto-startup", "false");
		settings.put("spring.flyway.enabled", "false");
		// events left over from a crashed server are the server's to redeliver
		settings.put("spring.modulith.events.republish-outstanding-events-on-restart", "false");
		settings.put("watchkeeper.slack.app-token", "");
		settings.put("watchkeeper.slack.bot-token", "");
		settings.put("watchkeeper.slack.signing-secret", "");
		// the running server delivers; this tool only changes rows
		settings.put("watchkeeper.slack.outbox.enabled", "false");
		settings.put("watchkeeper.audit.generate-missing-key", "false");
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
			.run(args);
	}

}
