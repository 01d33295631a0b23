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
 * counts, never values) to standard error. A PEM private key spans lines, so from its
 * header to its end marker lines are held back and redacted as one block.
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
		StringBuilder key = new StringBuilder();
		boolean holdingKey = false;
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
			}
			else if (holdingKey) {
				key.append(line);
				if (line.contains(KEY_FOOTER)) {
					holdingKey = false;
					write(redactor.redact(key.toString()), terminator, output, counts);
					key.setLength(0);
				}
				else if (key.length() > MAX_KEY_CHARS) {
					holdingKey = false;
					droppingKey = true;
					write(redactor.redact(key.toString()), terminator, output, counts);
					key.setLength(0);
				}
				else {
					key.append(terminator);
				}
			}
			else if (opensKey(line)) {
				holdingKey = true;
				key.append(line).append(terminator);
			}
			else {
				write(redactor.redact(line), terminator, output, counts);
			}
			if (!reader.ready()) {
				output.flush(); // nothing more buffered: the input may be a live stream,
								// show what we have
			}
		}
		if (holdingKey) {
			// end of input inside a key: the redactor treats a header without end marker
			// as "redact the rest"
			write(redactor.redact(key.toString()), "", output, counts);
		}
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
