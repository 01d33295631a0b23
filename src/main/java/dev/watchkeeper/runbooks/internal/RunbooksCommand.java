package dev.watchkeeper.runbooks.internal;

import dev.watchkeeper.core.cli.CliCommand;
import dev.watchkeeper.runbooks.ActionTypes;
import dev.watchkeeper.runbooks.RenderedStep;
import dev.watchkeeper.runbooks.RunbookCatalog;
import dev.watchkeeper.runbooks.RunbookProblem;
import dev.watchkeeper.runbooks.Runbooks;
import dev.watchkeeper.runbooks.Suggestion;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code runbooks check [DIR]} validates every runbook the way the server loads them and
 * prints {@code file:line: problem} lines (exit 1 when there is any);
 * {@code runbooks search [--dir DIR] QUERY} shows what {@code /wk runbook QUERY} would
 * find. Runs without Spring, so it fits in CI and pre-commit hooks.
 */
public final class RunbooksCommand implements CliCommand {

	private static final String DEFAULT_DIR = "runbooks";

	private final ActionTypes actionTypes;

	/**
	 * For {@link java.util.ServiceLoader}: checks against the action types Watchkeeper
	 * ships.
	 */
	public RunbooksCommand() {
		this(ActionTypes.defaults());
	}

	RunbooksCommand(ActionTypes actionTypes) {
		this.actionTypes = actionTypes;
	}

	@Override
	public String name() {
		return "runbooks";
	}

	@Override
	public String usage() {
		return "runbooks check [DIR] | runbooks search [--dir DIR] QUERY   validate runbooks (default DIR: runbooks) "
				+ "or search them";
	}

	@Override
	public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
		if (args.isEmpty()) {
			throw new IllegalArgumentException("say what to do: check or search");
		}
		return switch (args.get(0)) {
			case "check" -> check(args.subList(1, args.size()), out);
			case "search" -> search(args.subList(1, args.size()), out);
			default -> throw new IllegalArgumentException("unknown sub-command '" + args.get(0) + "'");
		};
	}

	private int check(List<String> args, PrintStream out) {
		if (args.size() > 1) {
			throw new IllegalArgumentException("check takes at most one directory");
		}
		Path dir = directory(args.isEmpty() ? DEFAULT_DIR : args.get(0));
		int files = RunbookCatalog.runbookFiles(dir).size();
		if (files == 0) {
			out.println(dir + ": no runbook files (*.md) found");
			return 1;
		}
		RunbookCatalog catalog = RunbookCatalog.load(dir, actionTypes);
		for (RunbookProblem problem : catalog.problems()) {
			out.println(problem);
		}
		out.println("checked " + files + (files == 1 ? " file" : " files") + ": " + catalog.runbooks().size()
				+ " valid, " + catalog.skipped() + " with problems");
		return catalog.problems().isEmpty() ? 0 : 1;
	}

	private int search(List<String> args, PrintStream out) {
		String dirName = DEFAULT_DIR;
		List<String> words = new ArrayList<>();
		for (int i = 0; i < args.size(); i++) {
			if (args.get(i).equals("--dir") && i + 1 < args.size()) {
				dirName = args.get(++i);
			}
			else {
				words.add(args.get(i));
			}
		}
		if (words.isEmpty()) {
			throw new IllegalArgumentException("search needs a query");
		}
		RunbookCatalog catalog = RunbookCatalog.load(directory(dirName), actionTypes);
		List<Suggestion> results = Runbooks.of(catalog).search(String.join(" ", words));
		if (results.isEmpty()) {
			out.println("no runbook matches");
		}
		int rank = 1;
		for (Suggestion s : results) {
			out.println(
					rank++ + ". " + s.runbook().id() + " - " + s.runbook().title() + " (" + s.runbook().file() + ")");
			out.println("   matched: " + String.join(", ", s.reasons()));
			for (RenderedStep step : s.steps()) {
				String first = step.text().lines().findFirst().orElse("");
				String action = step.action() == null ? "" : "  [action " + step.action().type() + "]";
				out.println("   " + step.number() + ". " + first + action);
			}
		}
		return 0;
	}

	private static Path directory(String name) {
		Path dir = Path.of(name);
		if (!Files.isDirectory(dir)) {
			throw new IllegalArgumentException("no such directory: " + name);
		}
		return dir;
	}

}
