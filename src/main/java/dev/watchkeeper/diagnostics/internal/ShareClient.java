package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.ShareAudience;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client side of a share in plain Java ({@code java.net.http}, no Spring): encrypts
 * locally and streams only ciphertext up; proves the key, reveals, and decrypts while
 * streaming down, resuming under the lease if the connection breaks. Used by the
 * {@code share} command, the tests and the benchmark.
 */
public final class ShareClient {

	public static final String USER_AGENT = "watchkeeper-cli/1";

	private static final Pattern LINK = Pattern.compile("(https?://.+)/d/([A-Za-z0-9_-]{22})#([A-Za-z0-9_-]{43})");

	private static final ObjectMapper json = JsonMapper.builder().build();

	static final String SIGN_IN_REQUIRED = "This share requires Sign in with Slack: open the link in a browser; "
			+ "no view was used.";

	private final HttpClient http;

	public ShareClient() {
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** A share that was stored; {@link #link()} holds the key and is printed once. */
	public record Created(String id, URI link, Instant expiresAt, int views, long ciphertextBytes) {

		@Override
		public String toString() {
			return "Created[" + id + ", expiresAt=" + expiresAt + ", views=" + views + "]";
		}
	}

	/** A revealed share's metadata and what is left of it. */
	public record Revealed(ShareMetadata metadata, long contentBytes, int viewsLeft) {
	}

	/**
	 * The server refused, with its clear message (never a stack trace) and its error code
	 * ({@code ""} if none).
	 */
	public static class Refused extends IOException {

		private final int status;

		private final String error;

		public Refused(int status, String error, String message) {
			super(message);
			this.status = status;
			this.error = error;
		}

		public int status() {
			return status;
		}

		/**
		 * The server's {@code error} code, e.g. {@code sign_in_required}; empty when it
		 * sent none.
		 */
		public String error() {
			return error;
		}

	}

	/**
	 * Encrypts {@code content} locally and uploads the ciphertext in one streamed
	 * request, for the whole team.
	 * @param passphrase optional; wiped after use
	 */
	public Created share(URI server, InputStream content, ShareMetadata metadata, Duration ttl, int views,
			char @Nullable [] passphrase) throws IOException, InterruptedException {
		return share(server, content, metadata, ttl, views, passphrase, ShareAudience.TEAM);
	}

	/**
	 * Whether the server enforces audiences (Sign in with Slack is configured there); an
	 * older server that does not say answers false.
	 */
	public boolean signInRequired(URI server) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(trimSlash(server.toString()) + "/api/d/limits"))
			.header("User-Agent", USER_AGENT)
			.timeout(Duration.ofSeconds(60))
			.GET()
			.build();
		return json.readTree(send(request, 200)).path("signInRequired").asBoolean(false);
	}

	/**
	 * Encrypts {@code content} locally and uploads the ciphertext in one streamed
	 * request; {@code audience} is who may reveal it where the server has Sign in with
	 * Slack.
	 * @param passphrase optional; wiped after use
	 */
	public Created share(URI server, InputStream content, ShareMetadata metadata, Duration ttl, int views,
			char @Nullable [] passphrase, ShareAudience audience) throws IOException, InterruptedException {
		String base = trimSlash(server.toString());
		byte[] linkKey = ShareKeys.randomBytes(ShareKeys.KEY_BYTES);
		byte[] passphraseKey = null;
		byte[] contentKey = null;
		try {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("ttlSeconds", ttl.toSeconds());
			request.put("views", views);
			ShareHeader header;
			if (passphrase != null) {
				byte[] salt = ShareKeys.randomBytes(ShareKeys.PASSPHRASE_SALT_BYTES);
				passphraseKey = ShareKeys.passphraseKey(passphrase, salt, ShareKeys.PBKDF2_ITERATIONS);
				request.put("passphraseVerifier", ShareKeys.encode(ShareKeys.passphraseProofKey(passphraseKey)));
				request.put("passphraseSalt", ShareKeys.encode(salt));
				header = ShareHeader.random(salt);
			}
			else {
				header = ShareHeader.random(null);
			}
			long size = metadata.size() >= 0 ? SealingInputStream.lengthFor(metadata, header.chunkSize()) : -1;
			if (size >= 0) {
				request.put("size", size);
			}
			request.put("linkVerifier", ShareKeys.encode(ShareKeys.linkProofKey(linkKey)));
			if (!audience.wholeTeam()) {
				Map<String, Object> who = new LinkedHashMap<>();
				if (audience.channel() != null) {
					who.put("channel", audience.channel());
				}
				who.put("users", audience.users());
				request.put("audience", who);
			}
			JsonNode created = json.readTree(send(post(URI.create(base + "/api/d"), request), 201));
			String id = created.path("id").asString();
			byte[] serverKey = ShareKeys.decode(created.path("serverKey").asString(), "serverKey", 32);
			contentKey = ShareKeys.contentKey(linkKey, serverKey, passphraseKey, header.hkdfSalt(), id);
			SealingInputStream sealed = new SealingInputStream(header, contentKey, metadata, content);
			HttpRequest.BodyPublisher body = size >= 0 ? HttpRequest.BodyPublishers
				.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> sealed), size)
					: HttpRequest.BodyPublishers.ofInputStream(() -> sealed);
			HttpRequest upload = HttpRequest.newBuilder(URI.create(base + "/api/d/" + id + "/ciphertext"))
				.header("User-Agent", USER_AGENT)
				.header("Authorization", "Bearer " + created.path("uploadToken").asString())
				.header("Content-Type", "application/octet-stream")
				.header(DiagnosticsApi.UPLOAD_OFFSET, "0")
				.header(DiagnosticsApi.UPLOAD_COMPLETE, "true")
				// a 413 arrives before the body is sent
				.expectContinue(true)
				.PUT(body)
				.build();
			JsonNode stored = json.readTree(send(upload, 200));
			URI link = URI.create(base + "/d/" + id + "#" + ShareKeys.encode(linkKey));
			return new Created(id, link, Instant.parse(created.path("expiresAt").asString()),
					created.path("views").asInt(), stored.path("stored").asLong());
		}
		finally {
			Arrays.fill(linkKey, (byte) 0);
			wipe(passphraseKey);
			wipe(contentKey);
			if (passphrase != null) {
				Arrays.fill(passphrase, '\0');
			}
		}
	}

	/**
	 * Reveals the share behind {@code link} (uses one view) and writes its content to
	 * {@code out}; every byte written has been authenticated. The passphrase is asked for
	 * only when the share has one.
	 */
	public Revealed reveal(URI link, Supplier<char[]> passphrase, OutputStream out)
			throws IOException, InterruptedException {
		Matcher m = LINK.matcher(link.toString());
		if (!m.matches()) {
			throw new IllegalArgumentException("not a complete share link (expected {server}/d/{id}#{key})");
		}
		String base = m.group(1);
		String id = m.group(2);
		byte[] linkKey = ShareKeys.decode(m.group(3), "link key", ShareKeys.KEY_BYTES);
		byte[] proofKey = ShareKeys.linkProofKey(linkKey);
		byte[] passphraseKey = null;
		try {
			byte[] nonce = nonce(base, id);
			JsonNode status = json.readTree(
					send(post(URI.create(base + "/api/d/" + id + "/status"), Map.of("nonce", ShareKeys.encode(nonce),
							"proof", ShareKeys.encode(ShareKeys.proof(proofKey, "status", id, nonce)))), 200));
			Map<String, Object> body = new LinkedHashMap<>();
			byte[] passphraseProofKey = null;
			if (status.path("access").asString("").equals("sign_in_required")) {
				// a terminal has no Slack session: say so before asking for a passphrase
				// or trying the reveal
				throw new Refused(401, "sign_in_required", SIGN_IN_REQUIRED);
			}
			if (status.path("passphrase").asBoolean()) {
				char[] chars = passphrase.get();
				try {
					passphraseKey = ShareKeys.passphraseKey(chars,
							ShareKeys.decode(status.path("passphraseSalt").asString(), "passphraseSalt"),
							status.path("passphraseIterations").asInt());
				}
				finally {
					Arrays.fill(chars, '\0');
				}
				passphraseProofKey = ShareKeys.passphraseProofKey(passphraseKey);
			}
			nonce = nonce(base, id);
			body.put("nonce", ShareKeys.encode(nonce));
			body.put("proof", ShareKeys.encode(ShareKeys.proof(proofKey, "reveal", id, nonce)));
			if (passphraseProofKey != null) {
				body.put("passphraseProof", ShareKeys.encode(ShareKeys.proof(passphraseProofKey, "reveal", id, nonce)));
			}
			HttpResponse<InputStream> response = http.send(post(URI.create(base + "/d/" + id + "/reveal"), body),
					HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw refused(response.statusCode(), response.body().readAllBytes());
			}
			byte[] serverKey = ShareKeys.decode(header(response, DiagnosticsApi.SERVER_KEY), "server key", 32);
			String lease = header(response, DiagnosticsApi.LEASE);
			int viewsLeft = Integer.parseInt(header(response, DiagnosticsApi.VIEWS_LEFT));
			long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
			byte[] finalPassphraseKey = passphraseKey;
			InputStream ciphertext = new ResumingStream(response.body(), total,
					offset -> resume(base, id, lease, offset));
			try (OpeningInputStream opened = new OpeningInputStream(ciphertext,
					header -> ShareKeys.contentKey(linkKey, serverKey, finalPassphraseKey, header.hkdfSalt(), id))) {
				ShareMetadata metadata = opened.readMetadata();
				long written = opened.transferTo(out);
				if (metadata.size() >= 0 && written != metadata.size()) {
					throw new CiphertextRejected(
							"the content has " + written + " bytes but " + metadata.size() + " were announced");
				}
				out.flush();
				return new Revealed(metadata, written, viewsLeft);
			}
			finally {
				Arrays.fill(serverKey, (byte) 0);
			}
		}
		finally {
			Arrays.fill(linkKey, (byte) 0);
			Arrays.fill(proofKey, (byte) 0);
			wipe(passphraseKey);
		}
	}

	private InputStream resume(String base, String id, String lease, long offset) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/d/" + id + "/ciphertext"))
			.header("User-Agent", USER_AGENT)
			.header(DiagnosticsApi.LEASE, lease)
			.header("Range", "bytes=" + offset + "-")
			.GET()
			.build();
		try {
			HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 206) {
				throw refused(response.statusCode(), response.body().readAllBytes());
			}
			return response.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while resuming the download", ex);
		}
	}

	private byte[] nonce(String base, String id) throws IOException, InterruptedException {
		JsonNode answer = json.readTree(send(post(URI.create(base + "/api/d/" + id + "/nonce"), Map.of()), 200));
		return ShareKeys.decode(answer.path("nonce").asString(), "nonce", 32);
	}

	private static HttpRequest post(URI uri, Map<String, ?> body) {
		return HttpRequest.newBuilder(uri)
			.header("User-Agent", USER_AGENT)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
			.build();
	}

	private String send(HttpRequest request, int expected) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != expected) {
			throw refused(response.statusCode(), response.body());
		}
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private static Refused refused(int status, byte[] body) {
		String error = "";
		String message;
		try {
			JsonNode node = json.readTree(new String(body, StandardCharsets.UTF_8));
			error = node.path("error").asString("");
			message = node.path("message").asString("HTTP " + status);
		}
		catch (RuntimeException ex) {
			message = "HTTP " + status;
		}
		if (error.equals("sign_in_required")) {
			// the server's text ("Sign in with Slack to reveal…") is written for the
			// page; a terminal cannot sign in
			message = SIGN_IN_REQUIRED;
		}
		return new Refused(status, error, message);
	}

	private static String header(HttpResponse<?> response, String name) throws IOException {
		return response.headers()
			.firstValue(name)
			.orElseThrow(() -> new IOException("the server's answer lacks " + name));
	}

	private static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static void wipe(byte @Nullable [] bytes) {
		if (bytes != null) {
			Arrays.fill(bytes, (byte) 0);
		}
	}

	/** Reopens a byte stream where it broke off. */
	interface Reopener {

		InputStream reopen(long offset) throws IOException;

	}

	/** Continues a download from where it broke off, a few times, under the lease. */
	static final class ResumingStream extends FilterInputStream {

		private final long total;

		private final Reopener reopener;

		private long position;

		private int attempts;

		ResumingStream(InputStream first, long total, Reopener reopener) {
			super(first);
			this.total = total;
			this.reopener = reopener;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return n < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			while (true) {
				try {
					int n = in.read(buffer, offset, length);
					if (n < 0 && total >= 0 && position < total) {
						throw new IOException("the connection closed at byte " + position + " of " + total);
					}
					if (n > 0) {
						position += n;
					}
					return n;
				}
				catch (IOException ex) {
					if (++attempts > 3) {
						throw ex;
					}
					try {
						in.close();
					}
					catch (IOException ignored) {
						// the broken stream
					}
					in = reopener.reopen(position);
				}
			}
		}

	}

}
