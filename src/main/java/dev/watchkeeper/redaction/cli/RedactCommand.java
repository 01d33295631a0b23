package dev.watchkeeper.redaction.cli;

import dev.watchkeeper.core.cli.CliCommand;
import dev.watchkeeper.redaction.Finding;
import dev.watchkeeper.redaction.Redacted;
import dev.watchkeeper.redaction.Redactor;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar watchkeeper.jar redact [--redact-ip-addresses] [FILE]}: writes FILE
 * (or standard input) to standard output with secrets and personal data replaced, line by
 * line so it works on a live {@code tail -f}, and a summary of what was found (kinds and
 * counts, never values) to standard error. What spans lines is held back and redacted as
 * one text: a PEM private key from its header to its end marker, a YAML value written
 * below its key ({@code password: |}) until the indentation ends, and a Kubernetes or
 * Helm manifest document (from {@code apiVersion:} or {@code kind:} to {@code ---}),
 * whose Secret {@code data:} may come before {@code kind: Secret}.
 */
public final class RedactCommand implements CliCommand {

	/** A private key header whose end marker is not on the same line. */
	private static final Pattern KEY_HEADER = Pattern.compile("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----");

	private static final String KEY_FOOTER = "-----END ";

	/**
	 * Most held back for one key (a 4096-bit RSA key is ~3.3 KB). Past it the key is
	 * redacted as truncated and further lines are dropped until the end marker, so memory
	 * stays bounded on any input.
	 */
	static final int MAX_KEY_CHARS = 64 * 1024;

	private static final String KEY_KIND = "private-key";

	/**
	 * Most held back for one YAML block or manifest document: the size limit of a
	 * Kubernetes object. Past it what is held is redacted as it stands and lines flow
	 * again.
	 */
	static final int MAX_HELD_CHARS = 1024 * 1024;

	/**
	 * The start of a Kubernetes or Helm manifest document (also of
	 * {@code kubectl ... -o yaml}).
	 */
	private static final Pattern MANIFEST_START = Pattern.compile("(apiVersion|kind):[ \t]*\\S");

	private static final Pattern DOCUMENT_END = Pattern.compile("(---|\\.\\.\\.)([ \t].*)?");

	/**
	 * A YAML key whose value starts on the next line: a block scalar header (group 2) or
	 * nothing at all.
	 */
	private static final Pattern YAML_BLOCK_KEY = Pattern.compile(
			" *(?:- )?([A-Za-z0-9_.-]{1,100}):[ \t]*(?:([|>][-+0-9]{0,3})|!![a-z]{1,20}[ \t]*[|>]?[-+0-9]{0,3})?[ \t]*(?:#.*)?");

	/**
	 * Key names whose value on the following lines is held back even without a block
	 * header.
	 */
	private static final Pattern SECRET_NAME = Pattern
		.compile("(?i)pass|secret|token|key|credential|private|auth|cert");

	@Override
	public String name() {
		return "redact";
	}

	@Override
	public String usage() {
		return "redact [--redact-ip-addresses] [FILE]   write FILE (or stdin) with secrets and personal data replaced";
	}

	@Override
	public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws IOException {
		boolean redactIps = false;
		List<String> files = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals("--redact-ip-addresses")) {
				redactIps = true;
			}
			else if (arg.startsWith("-") && !arg.equals("-")) {
				throw new IllegalArgumentException("unknown option " + arg);
			}
			else {
				files.add(arg);
			}
		}
		if (files.size() > 1) {
			throw new IllegalArgumentException("one FILE at most (or none for standard input)");
		}
		Redactor redactor = Redactor.builder().redactIpAddresses(redactIps).build();
		Map<String, Integer> counts = new TreeMap<>();
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
		if (files.isEmpty() || files.get(0).equals("-")) {
			scrub(new InputStreamReader(in, StandardCharsets.UTF_8), writer, redactor, counts);
		}
		else {
			Path file = Path.of(files.get(0));
			if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
				throw new IllegalArgumentException("cannot read " + file + ": no such readable file");
			}
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				scrub(reader, writer, redactor, counts);
			}
		}
		writer.flush();
		printSummary(counts, err);
		return 0;
	}

	private void scrub(Reader input, Writer output, Redactor redactor, Map<String, Integer> counts) throws IOException {
		BufferedReader reader = input instanceof BufferedReader buffered ? buffered : new BufferedReader(input);
		Lines lines = new Lines(reader);
		StringBuilder held = new StringBuilder();
		Hold hold = Hold.NONE;
		int blockIndent = 0;
		boolean droppingKey = false;
		String line;
		while ((line = lines.next()) != null) {
			String terminator = lines.terminator();
			if (droppingKey) {
				int footer = line.indexOf(KEY_FOOTER);
				if (footer >= 0) {
					droppingKey = false;
					int afterFooter = line.indexOf("-----", footer + KEY_FOOTER.length());
					String rest = afterFooter < 0 ? "" : line.substring(afterFooter + 5);
					write(redactor.redact(rest), terminator, output, counts);
				}
				continue;
			}
			if (hold == Hold.PRIVATE_KEY) {
				held.append(line);
				if (line.contains(KEY_FOOTER)) {
					hold = Hold.NONE;
					write(redactor.redact(held.toString()), terminator, output, counts);
					held.setLength(0);
				}
				else if (held.length() > MAX_KEY_CHARS) {
					hold = Hold.NONE;
					droppingKey = true;
					write(redactor.redact(held.toString()), terminator, output, counts);
					held.setLength(0);
				}
				else {
					held.append(terminator);
				}
				continue;
			}
			if (hold == Hold.YAML_BLOCK && (line.isBlank() || indent(line) > blockIndent)) {
				hold = append(held, line, terminator, redactor, output, counts, hold);
				continue;
			}
			if (hold == Hold.MANIFEST && !DOCUMENT_END.matcher(line).matches()) {
				hold = append(held, line, terminator, redactor, output, counts, hold);
				continue;
			}
			if (hold != Hold.NONE) {
				// the block or document ended before this line: redact it as one text
				flush(held, redactor, output, counts);
				hold = Hold.NONE;
			}
			if (opensKey(line)) {
				hold = Hold.PRIVATE_KEY;
				held.append(line).append(terminator);
			}
			else if (MANIFEST_START.matcher(line).lookingAt()) {
				hold = Hold.MANIFEST;
				held.append(line).append(terminator);
			}
			else if (opensYamlBlock(line)) {
				hold = Hold.YAML_BLOCK;
				blockIndent = indent(line);
				held.append(line).append(terminator);
			}
			else {
				write(redactor.redact(line), terminator, output, counts);
			}
			if (hold == Hold.NONE && !reader.ready()) {
				output.flush(); // nothing more buffered: the input may be a live stream,
								// show what we have
			}
		}
		if (hold != Hold.NONE) {
			// end of input inside a key, a YAML block or a document: redact what was held
			// (the redactor treats a key header without end marker as "redact the rest")
			flush(held, redactor, output, counts);
		}
	}

	/** What the lines being held back belong to. */
	private enum Hold {

		NONE,

		/** From a private key's header to its end marker. */
		PRIVATE_KEY,

		/** A YAML value written on the lines below its key ({@code password: |}). */
		YAML_BLOCK,

		/**
		 * A Kubernetes or Helm manifest document, up to {@code ---}: a Secret's
		 * {@code data:} can come before its {@code kind: Secret}.
		 */
		MANIFEST

	}

	/**
	 * Holds one more line; past {@link #MAX_HELD_CHARS} redacts what is held and stops
	 * holding.
	 */
	private static Hold append(StringBuilder held, String line, String terminator, Redactor redactor, Writer output,
			Map<String, Integer> counts, Hold hold) throws IOException {
		held.append(line).append(terminator);
		if (held.length() > MAX_HELD_CHARS) {
			flush(held, redactor, output, counts);
			return Hold.NONE;
		}
		return hold;
	}

	private static void flush(StringBuilder held, Redactor redactor, Writer output, Map<String, Integer> counts)
			throws IOException {
		write(redactor.redact(held.toString()), "", output, counts);
		held.setLength(0);
	}

	private static boolean opensYamlBlock(String line) {
		Matcher block = YAML_BLOCK_KEY.matcher(line);
		if (!block.matches()) {
			return false;
		}
		return block.group(2) != null || SECRET_NAME.matcher(block.group(1)).find();
	}

	private static int indent(String line) {
		int spaces = 0;
		while (spaces < line.length() && line.charAt(spaces) == ' ') {
			spaces++;
		}
		return spaces;
	}

	private static boolean opensKey(String line) {
		Matcher header = KEY_HEADER.matcher(line);
		return header.find() && line.indexOf(KEY_FOOTER, header.end()) < 0;
	}

	private static void write(Redacted redacted, String terminator, Writer output, Map<String, Integer> counts)
			throws IOException {
		output.write(redacted.text());
		output.write(terminator);
		for (Finding finding : redacted.findings()) {
			counts.merge(finding.kind(), 1, Integer::sum);
		}
	}

	private static void printSummary(Map<String, Integer> counts, PrintStream err) {
		int total = counts.values().stream().mapToInt(Integer::intValue).sum();
		if (total == 0) {
			err.println("redact: no findings");
			return;
		}
		err.println("redact: " + total + (total == 1 ? " finding" : " findings"));
		counts.forEach((kind, count) -> err.printf("  %-28s %d%n", kind, count));
		if (counts.containsKey(Redactor.WITHHELD_KIND)) {
			err.println("  (withheld: a line that could not be redacted in time was replaced as a whole)");
		}
	}

	/**
	 * Reads lines and remembers each one's terminator ({@code \n}, {@code \r\n},
	 * {@code \r} or none at the end).
	 */
	private static final class Lines {

		private final BufferedReader reader;

		private final StringBuilder line = new StringBuilder();

		private String terminator = "";

		Lines(BufferedReader reader) {
			this.reader = reader;
		}

		String next() throws IOException {
			line.setLength(0);
			terminator = "";
			int c;
			while ((c = reader.read()) >= 0) {
				if (c == '\n') {
					terminator = "\n";
					return line.toString();
				}
				if (c == '\r') {
					reader.mark(1);
					if (reader.read() == '\n') {
						terminator = "\r\n";
					}
					else {
						reader.reset();
						terminator = "\r";
					}
					return line.toString();
				}
				line.append((char) c);
			}
			return line.length() == 0 ? null : line.toString();
		}

		String terminator() {
			return terminator;
		}

	}

}
