package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.core.cli.CliCommand;
import dev.watchkeeper.diagnostics.DiagnosticsProperties;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code share FILE --ttl 4h --views 1 [--passphrase] [--server URL]} encrypts a file (or stdin with {@code -})
 * locally, uploads only ciphertext and prints the link; {@code share --get LINK [--out FILE]} reveals and decrypts
 * one. Plain Java, no Spring. The passphrase is read from the console (or the first line of stdin), never from an
 * argument, which would land in shell history and the process list.
 */
public class ShareCommand implements CliCommand {

	private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})([smhd])");

	private final Function<String, @Nullable String> environment;

	public ShareCommand() {
		this(System::getenv);
	}

	ShareCommand(Function<String, @Nullable String> environment) {
		this.environment = environment;
	}

	@Override
	public String name() {
		return "share";
	}

	@Override
	public String usage() {
		return "share FILE|- [--ttl 24h] [--views 1] [--passphrase] [--server URL]   (or: share --get LINK [--out FILE])";
	}

	@Override
	public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception {
		Options options = Options.parse(args);
		ShareClient client = new ShareClient();
		if (options.get() != null) {
			return get(client, options, in, out, err);
		}
		URI server = server(options);
		char[] passphrase = null;
		if (options.passphrase()) {
			if (options.file().equals("-") && !interactive(in)) {
				throw new IllegalArgumentException("--passphrase needs a console when the content comes from stdin");
			}
			passphrase = readPassphrase(in, err, true);
		}
		ShareClient.Created created;
		if (options.file().equals("-")) {
			created = client.share(server, in, ShareMetadata.file("stdin.txt", -1), options.ttl(), options.views(),
					passphrase);
		}
		else {
			Path file = Path.of(options.file());
			if (!Files.isRegularFile(file)) {
				throw new IllegalArgumentException("no such file: " + file);
			}
			try (InputStream content = Files.newInputStream(file)) {
				created = client.share(server, content,
						ShareMetadata.file(file.getFileName().toString(), Files.size(file)), options.ttl(),
						options.views(), passphrase);
			}
		}
		err.println("Encrypted locally; the server stored " + created.ciphertextBytes() + " bytes of ciphertext.");
		err.println("Expires " + created.expiresAt() + "; " + created.views()
				+ (created.views() == 1 ? " view" : " views") + ". The key is after the # and is shown only now:");
		out.println(created.link());
		return 0;
	}

	private int get(ShareClient client, Options options, InputStream in, PrintStream out, PrintStream err)
			throws Exception {
		URI link = URI.create(options.get());
		if (options.out() == null) {
			ShareClient.Revealed revealed = client.reveal(link, () -> readPassphrase(in, err, false), out);
			err.println(summary(revealed));
			return 0;
		}
		// decrypt into a temporary file next to the target and move it only once every chunk authenticated
		Path target = Path.of(options.out());
		Path partial = target.resolveSibling(target.getFileName() + ".part");
		try (OutputStream file = Files.newOutputStream(partial)) {
			ShareClient.Revealed revealed = client.reveal(link, () -> readPassphrase(in, err, false), file);
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
			err.println(summary(revealed) + " Saved to " + target + ".");
			return 0;
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	private static String summary(ShareClient.Revealed revealed) {
		return "Revealed " + revealed.contentBytes() + " bytes"
				+ (revealed.metadata().name().isEmpty() ? "" : " (" + revealed.metadata().name() + ")") + "; "
				+ (revealed.viewsLeft() == 0 ? "that was the last view." : revealed.viewsLeft() + " views left.");
	}

	private URI server(Options options) {
		String server = options.server() != null ? options.server() : environment.apply("WATCHKEEPER_PUBLIC_URL");
		if (server == null || server.isBlank()) {
			throw new IllegalArgumentException("no server: pass --server URL or set WATCHKEEPER_PUBLIC_URL");
		}
		URI uri = URI.create(server.strip());
		if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
			throw new IllegalArgumentException("--server must be an http(s) URL");
		}
		return uri;
	}

	private static boolean interactive(InputStream in) {
		return in == System.in && System.console() != null;
	}

	private static char[] readPassphrase(InputStream in, PrintStream err, boolean confirm) {
		Console console = System.console();
		if (in == System.in && console != null) {
			char[] first = console.readPassword("Passphrase: ");
			if (first == null || first.length == 0) {
				throw new IllegalArgumentException("the passphrase must not be empty");
			}
			if (confirm) {
				char[] second = console.readPassword("Passphrase again: ");
				boolean same = Arrays.equals(first, second);
				if (second != null) {
					Arrays.fill(second, '\0');
				}
				if (!same) {
					Arrays.fill(first, '\0');
					throw new IllegalArgumentException("the passphrases do not match");
				}
			}
			return first;
		}
		try {
			err.println("Reading the passphrase from the first line of stdin.");
			String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
			if (line == null || line.isEmpty()) {
				throw new IllegalArgumentException("the passphrase must not be empty");
			}
			return line.toCharArray();
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("could not read the passphrase: " + ex.getMessage());
		}
	}

	/** Parses {@code 4h}, {@code 30m}, {@code 7d}, {@code 90s} or ISO-8601 ({@code PT4H}). */
	static Duration parseDuration(String text) {
		Matcher m = SHORT_DURATION.matcher(text.strip().toLowerCase());
		if (m.matches()) {
			long n = Long.parseLong(m.group(1));
			return switch (m.group(2)) {
				case "s" -> Duration.ofSeconds(n);
				case "m" -> Duration.ofMinutes(n);
				case "h" -> Duration.ofHours(n);
				default -> Duration.ofDays(n);
			};
		}
		try {
			return Duration.parse(text.strip().toUpperCase());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("--ttl must look like 30m, 4h or 7d");
		}
	}

	/** Parsed command line. */
	record Options(String file, Duration ttl, int views, boolean passphrase, @Nullable String server,
			@Nullable String get, @Nullable String out) {

		private static final Map<String, Boolean> TAKES_VALUE = Map.of("--ttl", true, "--views", true, "--server",
				true, "--get", true, "--out", true, "--passphrase", false);

		static Options parse(List<String> given) {
			List<String> args = new ArrayList<>();
			for (String arg : given) {
				if (arg.startsWith("--passphrase=")) {
					throw new IllegalArgumentException("the passphrase is never an argument (it would land in shell "
							+ "history and the process list): pass --passphrase and type it when asked");
				}
				int eq = arg.indexOf('=');
				if (arg.startsWith("--") && eq > 0 && TAKES_VALUE.getOrDefault(arg.substring(0, eq), false)) {
					args.add(arg.substring(0, eq));
					args.add(arg.substring(eq + 1));
				}
				else {
					args.add(arg);
				}
			}
			String file = null;
			Duration ttl = Duration.ofHours(24);
			int views = 1;
			boolean passphrase = false;
			String server = null;
			String get = null;
			String out = null;
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				if (arg.startsWith("--") && !TAKES_VALUE.containsKey(arg)) {
					throw new IllegalArgumentException("unknown option " + arg);
				}
				if (TAKES_VALUE.getOrDefault(arg, false)) {
					if (i + 1 >= args.size()) {
						throw new IllegalArgumentException(arg + " needs a value");
					}
					String value = args.get(++i);
					switch (arg) {
						case "--ttl" -> ttl = parseDuration(value);
						case "--views" -> views = parseViews(value);
						case "--server" -> server = value;
						case "--get" -> get = value;
						default -> out = value;
					}
				}
				else if (arg.equals("--passphrase")) {
					passphrase = true;
				}
				else if (file == null) {
					file = arg;
				}
				else {
					throw new IllegalArgumentException("one file at a time (got " + file + " and " + arg + ")");
				}
			}
			if (get != null) {
				if (file != null || passphrase) {
					throw new IllegalArgumentException("--get takes a link only; the passphrase is asked for if needed");
				}
				return new Options("", ttl, views, false, server, get, out);
			}
			if (file == null) {
				throw new IllegalArgumentException("which file? (use - for stdin)");
			}
			DiagnosticsProperties.checkTtl(ttl);
			DiagnosticsProperties.checkViews(views);
			return new Options(file, ttl, views, passphrase, server, null, null);
		}

		private static int parseViews(String value) {
			try {
				return Integer.parseInt(value.strip());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--views must be a number from 1 to 10");
			}
		}
	}
}
