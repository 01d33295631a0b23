package dev.watchkeeper.runbooks;

import dev.watchkeeper.runbooks.internal.MarkdownRunbookParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runbooks of one directory as read at one moment: the valid ones, and a problem
 * (file and line) for every file that was skipped. Loading never throws for a bad
 * runbook; a bad file only costs itself.
 */
public final class RunbookCatalog {

	/**
	 * Larger files are refused: a runbook is a page of text, not a log dump someone saved
	 * by mistake.
	 */
	public static final long MAX_FILE_BYTES = 1024 * 1024;

	private final Path dir;

	private final List<Runbook> runbooks;

	private final Map<String, Runbook> byId;

	private final List<RunbookProblem> problems;

	private final int skipped;

	private RunbookCatalog(Path dir, List<Runbook> runbooks, List<RunbookProblem> problems, int skipped) {
		this.dir = dir;
		this.runbooks = List.copyOf(runbooks);
		this.problems = List.copyOf(problems);
		this.skipped = skipped;
		Map<String, Runbook> index = new LinkedHashMap<>();
		runbooks.forEach(r -> index.put(r.id(), r));
		this.byId = Map.copyOf(index);
	}

	/** Loads with the action types Watchkeeper ships ({@link ActionTypes#defaults()}). */
	public static RunbookCatalog load(Path dir) {
		return load(dir, ActionTypes.defaults());
	}

	/**
	 * Reads every {@code *.md} file under {@code dir} (sub-directories included, hidden
	 * entries and {@code README.md} left out) in path order. Of two runbooks with one id
	 * the first in path order is kept. A missing directory gives an empty catalog with
	 * one problem.
	 */
	public static RunbookCatalog load(Path dir, ActionTypes actionTypes) {
		MarkdownRunbookParser parser = new MarkdownRunbookParser(actionTypes);
		List<Runbook> runbooks = new ArrayList<>();
		List<RunbookProblem> problems = new ArrayList<>();
		Map<String, Runbook> seen = new HashMap<>();
		if (!Files.isDirectory(dir)) {
			problems.add(new RunbookProblem(dir.toString(), 1, "runbook directory not found"));
			return new RunbookCatalog(dir, runbooks, problems, 0);
		}
		List<Path> files;
		try {
			files = runbookFiles(dir);
		}
		catch (UncheckedIOException ex) {
			problems.add(new RunbookProblem(dir.toString(), 1, describe(ex.getCause())));
			return new RunbookCatalog(dir, runbooks, problems, 0);
		}
		int skipped = 0;
		for (Path file : files) {
			String name = file.toString();
			MarkdownRunbookParser.Parsed parsed;
			try {
				parsed = read(file, name, parser);
			}
			catch (IOException ex) {
				parsed = new MarkdownRunbookParser.Parsed.Invalid(List.of(new RunbookProblem(name, 1, describe(ex))));
			}
			if (parsed instanceof MarkdownRunbookParser.Parsed.Valid valid) {
				Runbook first = seen.putIfAbsent(valid.runbook().id(), valid.runbook());
				if (first == null) {
					runbooks.add(valid.runbook());
					continue;
				}
				parsed = new MarkdownRunbookParser.Parsed.Invalid(
						List.of(new RunbookProblem(name, idLine(file), "duplicate id '" + first.id()
								+ "': already used by " + first.file() + "; this file is skipped")));
			}
			problems.addAll(((MarkdownRunbookParser.Parsed.Invalid) parsed).problems());
			skipped++;
		}
		return new RunbookCatalog(dir, runbooks, problems, skipped);
	}

	/** The files {@link #load} reads, in the order it reads them. */
	public static List<Path> runbookFiles(Path dir) {
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(p -> !p.equals(dir))
				.filter(p -> !hidden(dir.relativize(p)))
				.filter(p -> p.getFileName().toString().endsWith(".md"))
				.filter(p -> !p.getFileName().toString().equalsIgnoreCase("README.md"))
				.filter(Files::isRegularFile)
				.sorted(Comparator.comparing(Path::toString))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list runbook directory " + dir, ex);
		}
	}

	public Path dir() {
		return dir;
	}

	/** The valid runbooks, in path order. */
	public List<Runbook> runbooks() {
		return runbooks;
	}

	public Optional<Runbook> find(String id) {
		return Optional.ofNullable(byId.get(id));
	}

	/** Every problem found, in path and line order; empty when all files are valid. */
	public List<RunbookProblem> problems() {
		return problems;
	}

	/** How many files were skipped because of a problem. */
	public int skipped() {
		return skipped;
	}

	private static MarkdownRunbookParser.Parsed read(Path file, String name, MarkdownRunbookParser parser)
			throws IOException {
		long size = Files.size(file);
		if (size > MAX_FILE_BYTES) {
			return new MarkdownRunbookParser.Parsed.Invalid(List.of(new RunbookProblem(name, 1,
					"file is " + size + " bytes; runbooks are limited to " + MAX_FILE_BYTES + " bytes")));
		}
		return parser.parse(name, Files.readString(file, StandardCharsets.UTF_8));
	}

	private static String describe(IOException ex) {
		if (ex instanceof CharacterCodingException) {
			return "not UTF-8 text";
		}
		return "cannot read: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : " " + ex.getMessage());
	}

	// the duplicate is valid, so its id line exists; report it rather than the file's
	// first line
	private static int idLine(Path file) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			for (int i = 1; i < lines.size(); i++) {
				if (lines.get(i).startsWith("id:")) {
					return i + 1;
				}
			}
		}
		catch (IOException ex) {
			// the line is only a pointer; the problem is still reported on line 1
		}
		return 1;
	}

	private static boolean hidden(Path relative) {
		for (Path part : relative) {
			if (part.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "RunbookCatalog[" + dir + ": " + runbooks.size() + " loaded, " + skipped + " skipped]";
	}

}
