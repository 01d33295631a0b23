package dev.watchkeeper.runbooks.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A small YAML document (front matter or an action block) read as a tree, remembering the
 * line of every key and value so that a validation error can name the line, not just the
 * document.
 */
final class YamlDocument {

	// duplicate keys are an error, not "last one wins": a second `match:` would silently
	// replace the first
	private static final YAMLMapper MAPPER = YAMLMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	// `key: {{ labels.x }}` unquoted is a YAML flow mapping, not a string: catch it
	// before YAML gives a riddle
	private static final Pattern UNQUOTED_TEMPLATE = Pattern.compile("^\\s*(?:-\\s+|[^\\s#'\"][^:#]*:\\s+)(\\{\\{.*)$");

	private final JsonNode root;

	private final String yaml;

	private @Nullable Map<String, Integer> lines;

	private YamlDocument(String yaml, JsonNode root) {
		this.yaml = yaml;
		this.root = root;
	}

	/**
	 * Parses the text; line numbers in errors and from {@link #lineOf} are 1-based within
	 * {@code yaml}.
	 * @throws Invalid with the line of the first syntax error
	 */
	static YamlDocument parse(String yaml) throws Invalid {
		String[] rawLines = yaml.split("\n", -1);
		for (int i = 0; i < rawLines.length; i++) {
			Matcher m = UNQUOTED_TEMPLATE.matcher(rawLines[i]);
			if (m.matches()) {
				throw new Invalid(i + 1, "quote the template value: YAML reads an unquoted '{{' as a mapping; write \""
						+ m.group(1).strip() + "\"");
			}
		}
		JsonNode root;
		try {
			root = MAPPER.readTree(yaml);
		}
		catch (JacksonException ex) {
			throw new Invalid(lineOf(ex.getLocation()), "invalid YAML: " + describe(ex));
		}
		return new YamlDocument(yaml, root == null ? MissingNode.getInstance() : root);
	}

	JsonNode root() {
		return root;
	}

	/**
	 * Line of the value at this JSON pointer ({@code /match/2}), else of its nearest
	 * parent, else 1.
	 */
	int lineOf(String pointer) {
		Map<String, Integer> lines = lines();
		String p = pointer;
		while (true) {
			Integer line = lines.get(p);
			if (line != null) {
				return line;
			}
			if (p.isEmpty()) {
				return 1;
			}
			p = p.substring(0, p.lastIndexOf('/'));
		}
	}

	// only a document with a problem needs its lines, so they are found on first use (a
	// second pass)
	private Map<String, Integer> lines() {
		if (lines == null) {
			Map<String, Integer> found = new HashMap<>();
			try (JsonParser parser = MAPPER.createParser(yaml)) {
				JsonToken token;
				while ((token = parser.nextToken()) != null) {
					if (token != JsonToken.END_ARRAY && token != JsonToken.END_OBJECT) {
						found.putIfAbsent(parser.streamReadContext().pathAsPointer().toString(),
								parser.currentTokenLocation().getLineNr());
					}
				}
			}
			catch (JacksonException ex) {
				// cannot happen: the same text was read as a tree already; lines found so
				// far are still right
			}
			lines = found;
		}
		return lines;
	}

	private static int lineOf(TokenStreamLocation location) {
		return location == null || location.getLineNr() < 1 ? 1 : location.getLineNr();
	}

	// SnakeYAML messages carry an indented excerpt and caret; the unindented lines are
	// the explanation
	private static String describe(JacksonException ex) {
		String message = ex.getOriginalMessage() == null ? ex.getClass().getSimpleName() : ex.getOriginalMessage();
		StringBuilder out = new StringBuilder();
		for (String line : message.split("\n")) {
			if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
				out.append(out.isEmpty() ? "" : "; ").append(line.strip());
			}
		}
		return out.isEmpty() ? message.strip() : out.toString();
	}

	/** A YAML syntax error at a line of the document. */
	static final class Invalid extends Exception {

		private final int line;

		Invalid(int line, String message) {
			super(message, null, false, false);
			this.line = line;
		}

		int line() {
			return line;
		}

	}

}
