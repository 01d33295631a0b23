package dev.watchkeeper.redaction.internal;

import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Values of secret-named YAML keys written on the lines below the key: block scalars
 * ({@code password: |}, {@code private_key: >-}, {@code token: |2+}, also after a tag
 * such as {@code !!binary}) and plain scalars continued on the next, more indented line
 * ({@code password:} then {@code   hunter2}). The one-line assignment detectors stop at
 * the line break, which left every line of a multi-line secret (a PEM key in Helm values,
 * a token in a Kubernetes manifest) in clear.
 *
 * <p>
 * The value is every following line indented more than the key, blank lines included, up
 * to the first line indented no more than the key; it is replaced as one span from its
 * first character to the end of its last non-blank line, so the YAML around it keeps its
 * shape. A key is matched by its end, as the one-line detectors do: {@code db_password},
 * {@code apiToken}, {@code ssh_private_key}. Weak names ({@code key}, {@code hmac},
 * {@code session}…) are redacted only if the block, its blanks removed, looks random. A
 * key followed by an indented mapping or list ({@code password:} then
 * {@code   existingSecret: db}) has no scalar value and is left alone.
 */
final class YamlBlockDetector implements Detector {

	private static final Pattern PASSWORD_KEY = Pattern
		.compile("(?i).{0,256}?(?:password|passwd|passphrase|(?<![a-z])pass|pwd)");

	private static final Pattern SECRET_KEY = Pattern
		.compile("(?i).{0,256}?(?:secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|credentials?)");

	private static final Pattern WEAK_KEY = Pattern
		.compile("(?i).{0,256}?(?:key|auth|signature|salt|seed|session|cookie|hmac|otp)");

	@Override
	public Set<String> kinds() {
		return Set.of("password", "secret", "high-entropy-secret");
	}

	@Override
	public int priority() {
		return BuiltInDetectors.ASSIGNMENT;
	}

	@Override
	public void find(ScanText scan, Consumer<Span> found) {
		String text = scan.chars().toString();
		if (text.indexOf('\n') < 0) {
			return; // a value on the lines below needs a line below
		}
		YamlLines lines = YamlLines.of(text);
		int line = 0;
		while (line < lines.count()) {
			int next = line + 1;
			YamlLines.Entry entry = lines.entry(line);
			if (entry != null && (lines.blockHeader(entry) || lines.emptyValue(entry))) {
				@Nullable String kind = kindOf(entry.key());
				int @Nullable [] block = kind == null ? null : lines.childLines(line, entry.keyColumn());
				if (block != null && (lines.blockHeader(entry) || plainScalar(lines, block[0]))) {
					report(kind, text, lines.contentStart(block[0]), lines.end(block[1]), found);
					next = block[1] + 1;
				}
			}
			line = next;
			if ((line & 1023) == 0) {
				scan.chars().checkDeadline();
			}
		}
	}

	private static @Nullable String kindOf(String key) {
		if (PASSWORD_KEY.matcher(key).matches()) {
			return "password";
		}
		if (SECRET_KEY.matcher(key).matches()) {
			return "secret";
		}
		return WEAK_KEY.matcher(key).matches() ? "high-entropy-secret" : null;
	}

	/**
	 * A continued plain or quoted scalar rather than a nested mapping, list, comment or
	 * flow collection.
	 */
	private static boolean plainScalar(YamlLines lines, int line) {
		if (lines.item(line) || lines.entry(line) != null) {
			return false;
		}
		char first = lines.text().charAt(lines.contentStart(line));
		return first != '#' && first != '{' && first != '[' && first != '&' && first != '*' && first != '!'
				&& first != '|' && first != '>';
	}

	private static void report(String kind, String text, int start, int end, Consumer<Span> found) {
		String value = text.substring(start, end);
		boolean secret = kind.equals("high-entropy-secret") ? Checks.looksRandom(withoutBlanks(value))
				: Checks.isAssignedSecret(value);
		if (secret) {
			found.accept(new Span(kind,
					kind.equals("high-entropy-secret") ? BuiltInDetectors.HIGH_ENTROPY : BuiltInDetectors.ASSIGNMENT,
					start, end));
		}
	}

	private static String withoutBlanks(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!Character.isWhitespace(c)) {
				out.append(c);
			}
		}
		return out.toString();
	}

}
