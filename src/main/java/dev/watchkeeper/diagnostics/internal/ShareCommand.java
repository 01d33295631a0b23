package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.core.cli.CliCommand;
import dev.watchkeeper.diagnostics.DiagnosticsProperties;
import dev.watchkeeper.diagnostics.ShareAudience;
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
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code share FILE --ttl 4h --views 1 [--passphrase] [--channel C…] [--user U…]… [--server URL]}
 * encrypts a file (or stdin with {@code -}) locally, uploads only ciphertext and prints
 * the link; {@code share --get LINK [--out FILE]} reveals and decrypts one. Plain Java,
 * no Spring. The passphrase is read from the console (or the first line of stdin), never
 * from an argument, which would land in shell history and the process list.
 */
public class ShareCommand implements CliCommand {

	private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})([smhd])");

	/**
	 * Refusals of a reveal that are about who may open the share: a message, not a
	 * failure of the tool.
	 */
	private static final Set<String> AUDIENCE_REFUSALS = Set.of("sign_in_required", "not_in_audience",
			"audience_unavailable");

	static final String HELP = """
			usage: share FILE|- [--ttl 24h] [--views 1] [--passphrase] [--channel C0123ABCD] [--user U0123ABCD]...
			                    [--users U1,U2] [--server URL]
			       share --get LINK [--out FILE]

			Encrypts FILE (or stdin with -) on this machine, uploads only ciphertext and prints the link once;
			the key is in the link after the #. --get reveals a link (uses one view) and decrypts it here.

			  --ttl DURATION    how long the link works: 5m to 7d (30m, 4h, 7d), default 24h
			  --views N         how many reveals: 1 to 10, default 1 (burn after reading)
			  --passphrase      also ask for a passphrase (typed, never an argument); send it another way
			  --channel ID      only members of this Slack channel may reveal (C…/G…: channel details → About)
			  --user ID         only this person may reveal (U…/W…: profile → ⋮ → Copy member ID); repeatable
			  --users ID,ID     the same as several --user; up to 50 people; with --channel: either qualifies
			  --server URL      the Watchkeeper server, default $WATCHKEEPER_PUBLIC_URL
			  --out FILE        with --get: write the content to FILE instead of stdout

			--channel and --user are enforced only when the server has Sign in with Slack: recipients open the
			link in a browser and sign in. Without it the audience is recorded but anyone with the link can
			reveal it (the command warns you). On a server with Sign in with Slack, --get cannot reveal (a
			terminal has no Slack session): it says so in one line, uses no view, and exits with 1.
			""";

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
		return "share FILE|- [--ttl 24h] [--views 1] [--passphrase] [--channel C…] [--user U…]... [--server URL]"
				+ "   (or: share --get LINK [--out FILE]; share --help: the audience is enforced only with Sign in "
				+ "with Slack)";
	}

	@Override
	public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception {
		if (args.contains("--help") || args.contains("-h")) {
			out.print(HELP);
			return 0;
		}
		Options options = Options.parse(args);
		ShareClient client = new ShareClient();
		if (options.get() != null) {
			return get(client, options, in, out, err);
		}
		URI server = server(options);
		if (!options.audience().wholeTeam() && !client.signInRequired(server)) {
			err.println("Warning: " + server + " does not have Sign in with Slack, so the audience is recorded but "
					+ "not enforced: anyone with the link can reveal it.");
		}
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
					passphrase, options.audience());
		}
		else {
			Path file = Path.of(options.file());
			if (!Files.isRegularFile(file)) {
				throw new IllegalArgumentException("no such file: " + file);
			}
			try (InputStream content = Files.newInputStream(file)) {
				created = client.share(server, content,
						ShareMetadata.file(file.getFileName().toString(), Files.size(file)), options.ttl(),
						options.views(), passphrase, options.audience());
			}
		}
		err.println("Encrypted locally; the server stored " + created.ciphertextBytes() + " bytes of ciphertext.");
		if (!options.audience().wholeTeam()) {
			err.println("Audience: " + describe(options.audience()) + ".");
		}
		err.println("Expires " + created.expiresAt() + "; " + created.views()
				+ (created.views() == 1 ? " view" : " views") + ". The key is after the # and is shown only now:");
		out.println(created.link());
		return 0;
	}

	private static String describe(ShareAudience audience) {
		String people = audience.users().size() == 1 ? audience.users().get(0)
				: audience.users().size() + " named people";
		if (audience.channel() == null) {
			return people;
		}
		return "members of " + audience.channel() + (audience.users().isEmpty() ? "" : " and " + people);
	}

	private int get(ShareClient client, Options options, InputStream in, PrintStream out, PrintStream err)
			throws Exception {
		try {
			return reveal(client, options, in, out, err);
		}
		catch (ShareClient.Refused refused) {
			if (!AUDIENCE_REFUSALS.contains(refused.error())) {
				throw refused;
			}
			// who may open it is the share's rule, not a fault of this tool: one line, no
			// usage, nothing written
			err.println(refused.getMessage());
			return 1;
		}
	}

	private int reveal(ShareClient client, Options options, InputStream in, PrintStream out, PrintStream err)
			throws Exception {
		URI link = URI.create(options.get());
		if (options.out() == null) {
			ShareClient.Revealed revealed = client.reveal(link, () -> readPassphrase(in, err, false), out);
			err.println(summary(revealed));
			return 0;
		}
		// decrypt into a temporary file next to the target and move it only once every
		// chunk authenticated
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

	/**
	 * Parses {@code 4h}, {@code 30m}, {@code 7d}, {@code 90s} or ISO-8601 ({@code PT4H}).
	 */
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
			@Nullable String get, @Nullable String out, ShareAudience audience) {

		private static final Map<String, Boolean> TAKES_VALUE = Map.of("--ttl", true, "--views", true, "--server", true,
				"--get", true, "--out", true, "--channel", true, "--user", true, "--users", true, "--passphrase",
				false);

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
			String channel = null;
			List<String> users = new ArrayList<>();
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
						case "--channel" -> channel = checkChannel(channel, value);
						case "--user", "--users" -> users.addAll(checkUsers(arg, value));
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
					throw new IllegalArgumentException(
							"--get takes a link only; the passphrase is asked for if needed");
				}
				if (channel != null || !users.isEmpty()) {
					throw new IllegalArgumentException(
							"--channel and --user choose who may open a new share; " + "they do not go with --get");
				}
				return new Options("", ttl, views, false, server, get, out, ShareAudience.TEAM);
			}
			if (file == null) {
				throw new IllegalArgumentException("which file? (use - for stdin)");
			}
			DiagnosticsProperties.checkTtl(ttl);
			DiagnosticsProperties.checkViews(views);
			if (out != null) {
				throw new IllegalArgumentException("--out goes with --get");
			}
			return new Options(file, ttl, views, passphrase, server, null, null, new ShareAudience(channel, users));
		}

		private static String checkChannel(@Nullable String earlier, String value) {
			if (earlier != null) {
				throw new IllegalArgumentException("one --channel per share (got " + earlier + " and " + value + ")");
			}
			if (value.isBlank()) {
				throw new IllegalArgumentException("--channel needs a Slack channel id like C0123ABCD");
			}
			try {
				return ShareAudience.channel(value).channel();
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("--channel " + value + ": " + ex.getMessage());
			}
		}

		/** Each id checked on its own so that the message names the wrong one. */
		private static List<String> checkUsers(String option, String value) {
			List<String> ids = new ArrayList<>();
			for (String id : value.split(",")) {
				if (id.isBlank()) {
					continue;
				}
				try {
					ids.addAll(ShareAudience.users(List.of(id)).users());
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(option + " " + id.strip() + ": " + ex.getMessage());
				}
			}
			if (ids.isEmpty()) {
				throw new IllegalArgumentException(option + " needs a Slack user id like U0123ABCD");
			}
			return ids;
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
