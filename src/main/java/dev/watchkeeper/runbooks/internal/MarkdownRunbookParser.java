package dev.watchkeeper.runbooks.internal;

import dev.watchkeeper.core.LabelMatcher;
import dev.watchkeeper.runbooks.ActionTypes;
import dev.watchkeeper.runbooks.Runbook;
import dev.watchkeeper.runbooks.RunbookProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads one runbook file: YAML front matter between {@code ---} lines, then Markdown
 * whose {@code ## Steps} section is an ordered list; a step may hold one
 * {@code ```action} block. Reports every problem it can find in the file, each with its
 * line, instead of stopping at the first.
 */
public final class MarkdownRunbookParser {

	static final Set<String> FRONT_MATTER_KEYS = Set.of("id", "title", "owner", "severity", "match", "keywords");

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

	private static final Parser MARKDOWN = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

	private final ActionTypes actionTypes;

	public MarkdownRunbookParser(ActionTypes actionTypes) {
		this.actionTypes = actionTypes;
	}

	/** The outcome of reading one file. */
	public sealed interface Parsed {

		/** The file is a valid runbook. */
		record Valid(Runbook runbook) implements Parsed {
		}

		/** The file is skipped for these reasons. */
		record Invalid(List<RunbookProblem> problems) implements Parsed {

			public Invalid {
				problems = List.copyOf(problems);
			}
		}

	}

	/**
	 * @param file the name to report and to record in the runbook, e.g.
	 * {@code runbooks/disk-almost-full.md}
	 * @param content the file's text
	 */
	public Parsed parse(String file, String content) {
		return new FileParse(file, content).run();
	}

	/** The state of reading one file: its lines and the problems found so far. */
	private final class FileParse {

		private final String file;

		private final String text;

		private final List<RunbookProblem> problems = new ArrayList<>();

		FileParse(String file, String content) {
			this.file = file;
			String normalized = content.replace("\r\n", "\n").replace('\r', '\n');
			this.text = normalized.startsWith("\uFEFF") ? normalized.substring(1) : normalized;
		}

		Parsed run() {
			String[] lines = text.split("\n", -1);
			if (lines.length == 0 || !lines[0].strip().equals("---")) {
				return fail(1, "no front matter: a runbook starts with a '---' line, then YAML (id, title, owner, "
						+ "severity, match, keywords), then a closing '---' line");
			}
			int close = -1;
			for (int i = 1; i < lines.length; i++) {
				String l = lines[i].stripTrailing();
				if (l.equals("---") || l.equals("...")) {
					close = i;
					break;
				}
			}
			if (close < 0) {
				return fail(1, "front matter is not closed: add a '---' line after the YAML");
			}
			String yaml = String.join("\n", Arrays.asList(lines).subList(1, close));
			FrontMatter front = frontMatter(yaml, 1);
			int bodyFirstLine = close + 2;
			int bodyStart = 0;
			for (int i = 0; i <= close; i++) {
				bodyStart += lines[i].length() + 1;
			}
			String body = bodyStart >= text.length() ? "" : text.substring(bodyStart);
			List<Runbook.Step> steps = steps(body, bodyFirstLine);
			if (!problems.isEmpty() || front == null) {
				return new Parsed.Invalid(problems);
			}
			return new Parsed.Valid(new Runbook(front.id, front.title, front.owner, front.severity, file, front.match,
					front.keywords, body, steps));
		}

		private Parsed fail(int line, String message) {
			problems.add(new RunbookProblem(file, line, message));
			return new Parsed.Invalid(problems);
		}

		private void problem(int line, String message) {
			problems.add(new RunbookProblem(file, line, message));
		}

		// ---- front matter
		// ------------------------------------------------------------------------------------

		/** Validated front matter; null when it could not be read at all. */
		private @Nullable FrontMatter frontMatter(String yaml, int lineOffset) {
			YamlDocument doc;
			try {
				doc = YamlDocument.parse(yaml);
			}
			catch (YamlDocument.Invalid ex) {
				problem(lineOffset + ex.line(), "front matter: " + ex.getMessage());
				return null;
			}
			JsonNode root = doc.root();
			if (!root.isObject()) {
				problem(lineOffset + 1, "front matter must be YAML keys (id, title, owner, severity, match, keywords)");
				return null;
			}
			for (String key : root.propertyNames()) {
				if (!FRONT_MATTER_KEYS.contains(key)) {
					problem(lineOffset + doc.lineOf("/" + key), "unknown front matter key '" + key + "' (known: "
							+ String.join(", ", sorted(FRONT_MATTER_KEYS)) + ")");
				}
			}
			String id = requiredText(doc, "id", lineOffset);
			if (id != null && !ID.matcher(id).matches()) {
				problem(lineOffset + doc.lineOf("/id"),
						"id '" + id + "' must be letters, digits, '.', '_' or '-' (it appears in links and commands)");
			}
			String title = requiredText(doc, "title", lineOffset);
			String owner = requiredText(doc, "owner", lineOffset);
			String severity = requiredText(doc, "severity", lineOffset);
			List<LabelMatcher> match = matchers(doc, lineOffset);
			List<String> keywords = keywords(doc, lineOffset);
			if (id == null || title == null || owner == null || severity == null) {
				return null;
			}
			return new FrontMatter(id, title, owner, severity, match, keywords);
		}

		private @Nullable String requiredText(YamlDocument doc, String key, int lineOffset) {
			JsonNode node = doc.root().get(key);
			if (node == null || node.isNull() || (node.isValueNode() && node.asString().isBlank())) {
				problem(lineOffset + (node == null ? 1 : doc.lineOf("/" + key)), "front matter needs '" + key + "'");
				return null;
			}
			if (!node.isValueNode()) {
				problem(lineOffset + doc.lineOf("/" + key), "'" + key + "' must be text, not a list or mapping");
				return null;
			}
			return node.asString().strip();
		}

		private List<LabelMatcher> matchers(YamlDocument doc, int lineOffset) {
			JsonNode node = doc.root().get("match");
			List<LabelMatcher> matchers = new ArrayList<>();
			if (node == null || node.isNull()) {
				return matchers;
			}
			if (node.isValueNode()) {
				addMatcher(matchers, node.asString(), () -> lineOffset + doc.lineOf("/match"));
				return matchers;
			}
			if (!node.isArray()) {
				problem(lineOffset + doc.lineOf("/match"),
						"'match' must be a list of label matchers, e.g. - alertname=KubePodCrashLooping");
				return matchers;
			}
			for (int i = 0; i < node.size(); i++) {
				JsonNode item = node.get(i);
				int index = i;
				IntSupplier line = () -> lineOffset + doc.lineOf("/match/" + index);
				if (!item.isValueNode() || item.isNull()) {
					problem(line.getAsInt(),
							"match item " + (i + 1) + " must be a matcher string such as severity=critical");
					continue;
				}
				addMatcher(matchers, item.asString(), line);
			}
			return matchers;
		}

		// the line is looked up only for a problem: finding lines costs a second YAML
		// pass
		private void addMatcher(List<LabelMatcher> matchers, String text, IntSupplier line) {
			try {
				matchers.add(LabelMatcher.parse(text));
			}
			catch (IllegalArgumentException ex) {
				String hint = text.contains(",") ? " (one matcher per list item)" : "";
				problem(line.getAsInt(), "match: " + ex.getMessage() + hint);
			}
		}

		private List<String> keywords(YamlDocument doc, int lineOffset) {
			JsonNode node = doc.root().get("keywords");
			List<String> keywords = new ArrayList<>();
			if (node == null || node.isNull()) {
				return keywords;
			}
			if (node.isValueNode()) {
				for (String k : node.asString().split(",")) {
					if (!k.isBlank()) {
						keywords.add(k.strip());
					}
				}
				return keywords;
			}
			if (!node.isArray()) {
				problem(lineOffset + doc.lineOf("/keywords"), "'keywords' must be a list of words or phrases");
				return keywords;
			}
			for (int i = 0; i < node.size(); i++) {
				JsonNode item = node.get(i);
				if (!item.isValueNode() || item.isNull()) {
					problem(lineOffset + doc.lineOf("/keywords/" + i), "keyword " + (i + 1) + " must be text");
				}
				else if (!item.asString().isBlank()) {
					keywords.add(item.asString().strip());
				}
			}
			return keywords;
		}

		// ---- body
		// --------------------------------------------------------------------------------------------

		private List<Runbook.Step> steps(String body, int bodyFirstLine) {
			Node document = MARKDOWN.parse(body);
			List<FencedCodeBlock> actionBlocks = new ArrayList<>();
			document.accept(new AbstractVisitor() {
				@Override
				public void visit(FencedCodeBlock block) {
					if (isAction(block)) {
						actionBlocks.add(block);
					}
				}
			});
			List<StepDraft> drafts = new ArrayList<>();
			Heading stepsHeading = null;
			Node n = document.getFirstChild();
			while (n != null) {
				if (n instanceof Heading h && h.getLevel() == 2 && headingText(h).equalsIgnoreCase("steps")) {
					if (stepsHeading == null) {
						stepsHeading = h;
						n = collectSteps(h, drafts, bodyFirstLine);
						continue;
					}
					problem(lineOf(h, bodyFirstLine), "second '## Steps' section: a runbook has one list of steps");
				}
				n = n.getNext();
			}
			if (stepsHeading == null) {
				problem(bodyFirstLine, "no '## Steps' section: add '## Steps' followed by an ordered list (1. 2. 3.)");
				return List.of();
			}
			if (drafts.isEmpty()) {
				problem(lineOf(stepsHeading, bodyFirstLine),
						"'## Steps' has no ordered list: write the steps as 1. 2. 3.");
			}
			List<Runbook.Step> steps = new ArrayList<>();
			for (StepDraft draft : drafts) {
				actionBlocks.removeAll(draft.actionBlocks);
				steps.add(draft.toStep(steps.size() + 1, body, bodyFirstLine));
			}
			for (FencedCodeBlock stray : actionBlocks) {
				problem(lineOf(stray, bodyFirstLine),
						"action block outside '## Steps': put it inside the step it belongs to");
			}
			return steps;
		}

		/**
		 * Gathers the steps after the heading; returns the node that ends the section, or
		 * null at the end.
		 */
		private @Nullable Node collectSteps(Heading heading, List<StepDraft> drafts, int bodyFirstLine) {
			Node n = heading.getNext();
			for (; n != null && !(n instanceof Heading); n = n.getNext()) {
				if (n instanceof OrderedList list) {
					for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
						StepDraft draft = new StepDraft(lineOf((Block) item, bodyFirstLine));
						for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
							draft.add((Block) child, bodyFirstLine);
						}
						drafts.add(draft);
					}
				}
				else if (!drafts.isEmpty()) {
					// an unindented block after a step (often an action fence at column
					// 0) belongs to that step
					drafts.get(drafts.size() - 1).add((Block) n, bodyFirstLine);
				}
			}
			return n;
		}

		/** One step while it is being read. */
		private final class StepDraft {

			final int line;

			final List<Block> textBlocks = new ArrayList<>();

			final List<FencedCodeBlock> actionBlocks = new ArrayList<>();

			StepDraft(int line) {
				this.line = line;
			}

			void add(Block block, int bodyFirstLine) {
				if (block instanceof FencedCodeBlock fence && isAction(fence)) {
					if (!actionBlocks.isEmpty()) {
						problem(lineOf(fence, bodyFirstLine),
								"second action block in one step: a step has at most one action; split the step");
					}
					actionBlocks.add(fence);
				}
				else {
					textBlocks.add(block);
				}
			}

			Runbook.Step toStep(int number, String body, int bodyFirstLine) {
				List<String> parts = new ArrayList<>();
				for (Block block : textBlocks) {
					parts.add(source(block, body));
				}
				String stepText = String.join("\n\n", parts).strip();
				for (String bad : Templates.invalidInText(stepText)) {
					problem(lineContaining(bad, line), "step " + number + ": template " + bad
							+ " is not {{ labels.NAME }} or {{ annotations.NAME }}");
				}
				Runbook.Action action = null;
				if (!actionBlocks.isEmpty()) {
					FencedCodeBlock fence = actionBlocks.get(0);
					action = action(fence, lineOf(fence, bodyFirstLine), number);
				}
				return new Runbook.Step(number, stepText, action, line);
			}

		}

		private Runbook.@Nullable Action action(FencedCodeBlock fence, int fenceLine, int stepNumber) {
			String where = "step " + stepNumber + " action: ";
			YamlDocument doc;
			try {
				doc = YamlDocument.parse(fence.getLiteral());
			}
			catch (YamlDocument.Invalid ex) {
				problem(fenceLine + ex.line(), where + ex.getMessage());
				return null;
			}
			JsonNode root = doc.root();
			if (!root.isObject()) {
				problem(fenceLine + 1, where + "write 'type: <action type>' and one 'name: value' line per parameter");
				return null;
			}
			JsonNode typeNode = root.get("type");
			String type = null;
			if (typeNode == null || !typeNode.isValueNode() || typeNode.isNull() || typeNode.asString().isBlank()) {
				problem(fenceLine + (typeNode == null ? 1 : doc.lineOf("/type")), where + "needs 'type:'");
			}
			else {
				type = typeNode.asString().strip();
				if (!actionTypes.isKnown(type)) {
					String known = actionTypes.known().isEmpty() ? ""
							: " (known: " + String.join(", ", actionTypes.known()) + ")";
					problem(fenceLine + doc.lineOf("/type"), where + "unknown action type '" + type + "'" + known);
				}
			}
			Map<String, String> params = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : root.properties()) {
				String name = entry.getKey();
				if (name.equals("type")) {
					continue;
				}
				IntSupplier line = () -> fenceLine + doc.lineOf("/" + name);
				JsonNode value = entry.getValue();
				if (!PARAMETER_NAME.matcher(name).matches()) {
					problem(line.getAsInt(),
							where + "parameter name '" + name + "' must be letters, digits, '_', '.', '-'");
				}
				else if (value.isNull() || !value.isValueNode()) {
					problem(line.getAsInt(), where + "parameter '" + name + "' needs one text value");
				}
				else {
					String template = value.asString();
					for (String bad : Templates.invalidInParameter(template)) {
						problem(line.getAsInt(), where + "parameter '" + name + "': template " + bad
								+ " is not {{ labels.NAME }} or {{ annotations.NAME }}");
					}
					params.put(name, template);
				}
			}
			return type == null ? null : new Runbook.Action(type, params, fenceLine);
		}

		private int lineContaining(String needle, int fromLine) {
			String[] lines = text.split("\n", -1);
			for (int i = Math.max(fromLine - 1, 0); i < lines.length; i++) {
				if (lines[i].contains(needle)) {
					return i + 1;
				}
			}
			return fromLine;
		}

	}

	/** A block's own Markdown, without the indentation of the list it sits in. */
	private static String source(Block block, String body) {
		StringBuilder out = new StringBuilder();
		for (SourceSpan span : block.getSourceSpans()) {
			if (!out.isEmpty()) {
				out.append('\n');
			}
			int start = span.getInputIndex();
			out.append(body, start, Math.min(start + span.getLength(), body.length()));
		}
		return out.toString().stripTrailing();
	}

	private static boolean isAction(FencedCodeBlock block) {
		String info = block.getInfo() == null ? "" : block.getInfo().strip();
		return info.equals("action") || info.startsWith("action ");
	}

	private static int lineOf(Block block, int bodyFirstLine) {
		List<SourceSpan> spans = block.getSourceSpans();
		return spans.isEmpty() ? bodyFirstLine : bodyFirstLine + spans.get(0).getLineIndex();
	}

	private static String headingText(Heading heading) {
		StringBuilder out = new StringBuilder();
		for (Node n = heading.getFirstChild(); n != null; n = n.getNext()) {
			if (n instanceof Text t) {
				out.append(t.getLiteral());
			}
		}
		return out.toString().strip();
	}

	private static List<String> sorted(Set<String> set) {
		return set.stream().sorted().toList();
	}

	private record FrontMatter(String id, String title, String owner, String severity, List<LabelMatcher> match,
			List<String> keywords) {
	}

}
