package dev.watchkeeper.core.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * One sub-command of the jar ({@code summarize}, {@code redact}, {@code audit}, ...).
 * Implementations are found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.watchkeeper.core.cli.CliCommand}) so that a command starts
 * without booting the server; a command that needs the database boots its own non-web
 * context.
 */
public interface CliCommand {

	/** First word on the command line, e.g. {@code summarize}. */
	String name();

	/** One line for {@code --help}. */
	String usage();

	/**
	 * Runs the command.
	 * @return the process exit code: 0 success, 1 a finding (e.g. invalid runbook), 2 bad
	 * usage
	 */
	int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception;

}
