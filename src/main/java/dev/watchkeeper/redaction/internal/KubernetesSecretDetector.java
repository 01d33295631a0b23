package dev.watchkeeper.redaction.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every value under {@code data:} and {@code stringData:} of a Kubernetes Secret in YAML
 * ({@code kubectl get secret -o yaml}, a manifest, a Helm dry run), whatever its key is
 * called, and the {@code kubectl.kubernetes.io/last-applied-configuration} annotation,
 * which repeats the whole Secret as JSON. In {@code data:} the values are base64, and a
 * key such as {@code DB_USER} or {@code config.json} says nothing about how secret the
 * value is: the document's {@code kind: Secret} does.
 *
 * <p>
 * The Secret is the mapping that holds {@code kind: Secret} (quoted or not, with or
 * without a comment): its sibling keys at the same column, from the list item or document
 * start that opens it to the first line indented less (or the next item, or a
 * {@code ---}). So in {@code kubectl get secrets,configmaps -o yaml} only the Secret
 * items lose their data; a ConfigMap's data stays. Names, labels, type and the rest of
 * the metadata stay too. Block scalars under {@code stringData:} go as a whole, like
 * {@link YamlBlockDetector} does. Values that are template references ({@code {{ … }}},
 * {@code ${…}}) stay.
 */
final class KubernetesSecretDetector implements Detector {

	static final String KIND = "kubernetes-secret";

	private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

	@Override
	public Set<String> kinds() {
		return Set.of(KIND);
	}

	@Override
	public int priority() {
		return BuiltInDetectors.STRUCTURED;
	}

	@Override
	public void find(ScanText scan, Consumer<Span> found) {
		String lower = scan.lowerCase();
		if (!lower.contains("secret") || !lower.contains("kind:") || !lower.contains("data:")) {
			return;
		}
		YamlLines lines = YamlLines.of(scan.chars().toString());
		// mappings already searched, by key column: each line is looked at once per
		// column at most, so many "kind: Secret" lines cannot make this quadratic
		Map<Integer, Integer> searchedUpTo = new HashMap<>();
		for (int line = 0; line < lines.count(); line++) {
			YamlLines.Entry entry = lines.entry(line);
			if (entry == null || !entry.key().equals("kind") || !isSecret(lines, entry)) {
				continue;
			}
			int column = entry.keyColumn();
			if (line < searchedUpTo.getOrDefault(column, 0)) {
				continue;
			}
			int first = mappingStart(lines, line, column);
			int last = mappingEnd(lines, line, column);
			searchedUpTo.put(column, last + 1);
			reportValues(lines, first, last, column, found);
			scan.chars().checkDeadline();
		}
	}

	private static boolean isSecret(YamlLines lines, YamlLines.Entry entry) {
		String value = lines.text().substring(entry.valueStart(), entry.valueEnd());
		int comment = value.indexOf(" #");
		if (comment >= 0) {
			value = value.substring(0, comment).strip();
		}
		return value.equals("Secret") || value.equals("\"Secret\"") || value.equals("'Secret'");
	}

	/**
	 * Back to the list item ({@code - key:} with its key at the column) or the first line
	 * after whatever is indented less.
	 */
	private static int mappingStart(YamlLines lines, int line, int column) {
		int first = line;
		for (int previous = line - 1; previous >= 0; previous--) {
			if (lines.documentMarker(previous)) {
				break;
			}
			if (lines.blank(previous)) {
				continue;
			}
			int indent = lines.indent(previous);
			if (indent < column) {
				YamlLines.Entry entry = lines.entry(previous);
				if (lines.item(previous) && entry != null && entry.keyColumn() == column) {
					first = previous;
				}
				break;
			}
			first = previous;
		}
		return first;
	}

	/** On to the last line before the next item, document or line indented less. */
	private static int mappingEnd(YamlLines lines, int line, int column) {
		int last = line;
		for (int next = line + 1; next < lines.count(); next++) {
			if (lines.documentMarker(next)) {
				break;
			}
			if (lines.blank(next)) {
				continue;
			}
			if (lines.indent(next) < column) {
				break;
			}
			last = next;
		}
		return last;
	}

	private static void reportValues(YamlLines lines, int first, int last, int column, Consumer<Span> found) {
		for (int line = first; line <= last; line++) {
			YamlLines.Entry entry = lines.entry(line);
			if (entry == null) {
				continue;
			}
			if (entry.key().equals(LAST_APPLIED)) {
				line = reportValue(lines, line, entry, found);
			}
			else if (entry.keyColumn() == column && (entry.key().equals("data") || entry.key().equals("stringData"))) {
				line = reportMap(lines, line, entry, found);
			}
		}
	}

	/**
	 * Each value of the map under {@code data:}; returns the map's last line. A flow map
	 * on the key's own line ({@code data: {a: b}}) goes as a whole.
	 */
	private static int reportMap(YamlLines lines, int line, YamlLines.Entry map, Consumer<Span> found) {
		if (!lines.emptyValue(map)) {
			report(lines.text(), map.valueStart(), map.valueEnd(), found);
			return line;
		}
		int[] children = lines.childLines(line, map.keyColumn());
		if (children == null) {
			return line;
		}
		int entryColumn = -1;
		for (int child = children[0]; child <= children[1]; child++) {
			YamlLines.Entry entry = lines.entry(child);
			if (entry == null) {
				continue;
			}
			if (entryColumn < 0) {
				entryColumn = entry.keyColumn();
			}
			if (entry.keyColumn() == entryColumn) {
				child = reportValue(lines, child, entry, found);
			}
		}
		return children[1];
	}

	/**
	 * The value of one entry: on its line, plus any lines indented further below it (a
	 * block scalar or a continued plain scalar). Returns the entry's last line.
	 */
	private static int reportValue(YamlLines lines, int line, YamlLines.Entry entry, Consumer<Span> found) {
		int[] below = lines.childLines(line, entry.keyColumn());
		boolean onItsLine = !lines.emptyValue(entry) && !lines.blockHeader(entry);
		int start = onItsLine ? entry.valueStart() : below == null ? -1 : lines.contentStart(below[0]);
		int end = below == null ? entry.valueEnd() : lines.end(below[1]);
		if (start >= 0) {
			report(lines.text(), start, end, found);
		}
		return below == null ? line : below[1];
	}

	private static void report(String text, int start, int end, Consumer<Span> found) {
		if (end - start >= 2 && (text.charAt(start) == '"' || text.charAt(start) == '\'')
				&& text.charAt(end - 1) == text.charAt(start)) {
			start++;
			end--;
		}
		if (start < end && Checks.isAssignedSecret(text.substring(start, end))) {
			found.accept(new Span(KIND, BuiltInDetectors.STRUCTURED, start, end));
		}
	}

}
