package dev.watchkeeper.diagnostics;

import dev.watchkeeper.diagnostics.internal.ShareClient;
import dev.watchkeeper.diagnostics.internal.ShareKeys;
import dev.watchkeeper.diagnostics.internal.ShareMetadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test fixture speaking the diagnostics HTTP protocol: shares through the real client,
 * raw requests for the rest.
 */
final class ShareProtocol {

	static final ObjectMapper json = JsonMapper.builder().build();

	final URI base;

	private final HttpClient http;

	ShareProtocol(int port) {
		this(URI.create("http://127.0.0.1:" + port),
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
	}

	/**
	 * Speaks through {@code http}, e.g. a client holding a signed-in session's cookies.
	 */
	ShareProtocol(URI base, HttpClient http) {
		this.base = base;
		this.http = http;
	}

	ShareClient.Created shareText(String text, int views) {
		return shareText(text, views, Duration.ofHours(1), null);
	}

	ShareClient.Created shareText(String text, int views, Duration ttl, String passphrase) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		try {
			return new ShareClient().share(base, new ByteArrayInputStream(bytes), ShareMetadata.text(bytes.length), ttl,
					views, passphrase == null ? null : passphrase.toCharArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reveals through the real client; returns the text or throws what the client threw.
	 */
	String revealText(URI link, String passphrase) throws IOException, InterruptedException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new ShareClient().reveal(link, () -> passphrase == null ? new char[0] : passphrase.toCharArray(), out);
		return out.toString(StandardCharsets.UTF_8);
	}

	static String id(URI link) {
		String path = link.getPath();
		return path.substring(path.lastIndexOf('/') + 1);
	}

	static byte[] key(URI link) {
		return ShareKeys.decode(link.getFragment(), "key");
	}

	byte[] nonce(String id) {
		HttpResponse<byte[]> response = post("/api/d/" + id + "/nonce", Map.of());
		return ShareKeys.decode(json.readTree(response.body()).path("nonce").asString(), "nonce");
	}

	HttpResponse<byte[]> status(String id, byte[] linkKey) {
		byte[] nonce = nonce(id);
		return post("/api/d/" + id + "/status", Map.of("nonce", ShareKeys.encode(nonce), "proof",
				ShareKeys.encode(ShareKeys.proof(ShareKeys.linkProofKey(linkKey), "status", id, nonce))));
	}

	/** A reveal with a correct proof of {@code linkKey} and no passphrase. */
	HttpResponse<byte[]> reveal(String id, byte[] linkKey) {
		byte[] nonce = nonce(id);
		return reveal(id, nonce, ShareKeys.proof(ShareKeys.linkProofKey(linkKey), "reveal", id, nonce), null);
	}

	HttpResponse<byte[]> reveal(String id, byte[] nonce, byte[] proof, byte[] passphraseProof) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("nonce", ShareKeys.encode(nonce));
		body.put("proof", ShareKeys.encode(proof));
		if (passphraseProof != null) {
			body.put("passphraseProof", ShareKeys.encode(passphraseProof));
		}
		return post("/d/" + id + "/reveal", body);
	}

	HttpResponse<byte[]> post(String path, Map<String, ?> body) {
		return send(HttpRequest.newBuilder(base.resolve(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
			.build());
	}

	HttpResponse<byte[]> get(String path, String userAgent) {
		return send(HttpRequest.newBuilder(base.resolve(path)).header("User-Agent", userAgent).GET().build());
	}

	HttpResponse<byte[]> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

}
