package dev.watchkeeper;

import dev.watchkeeper.core.cli.CliCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Watchkeeper: {@code java -jar watchkeeper.jar} serves;
 * {@code java -jar watchkeeper.jar <command> ...} runs one of the command-line tools
 * contributed by the modules (see {@link CliCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Watchkeeper", sharedModules = "core")
public class Watchkeeper {

	public static void main(String[] args) {
		Optional<CliCommand> command = args.length == 0 ? Optional.empty() : findCommand(args[0]);
		if (command.isPresent()) {
			System.exit(runCli(command.get(), Arrays.asList(args).subList(1, args.length)));
		}
		if (args.length > 0 && (args[0].equals("--help") || args[0].equals("help"))) {
			printHelp(System.out);
			return;
		}
		if (args.length > 0 && !args[0].startsWith("-")) {
			System.err.println("watchkeeper: unknown command '" + args[0] + "'");
			printHelp(System.err);
			System.exit(2);
		}
		SpringApplication.run(Watchkeeper.class, args);
	}

	static Optional<CliCommand> findCommand(String name) {
		return commands().stream().filter(c -> c.name().equals(name)).findFirst();
	}

	static List<CliCommand> commands() {
		return ServiceLoader.load(CliCommand.class).stream().map(ServiceLoader.Provider::get).toList();
	}

	private static int runCli(CliCommand command, List<String> args) {
		try {
			return command.run(args, System.in, System.out, System.err);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("watchkeeper " + command.name() + ": " + ex.getMessage());
			System.err.println("usage: " + command.usage());
			return 2;
		}
		catch (Exception ex) {
			System.err.println("watchkeeper " + command.name() + ": " + ex.getMessage());
			return 1;
		}
	}

	private static void printHelp(PrintStream out) {
		out.println("usage: java -jar watchkeeper.jar [command]");
		out.println("  (no command)  serve HTTP (Slack events, alert webhooks, diagnostics, audit UI)");
		commands().forEach(c -> out.println("  " + c.usage()));
	}

}
