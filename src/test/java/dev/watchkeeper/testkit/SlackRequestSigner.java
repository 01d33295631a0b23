package dev.watchkeeper.testkit;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs request bodies exactly as Slack does (v0: HMAC-SHA256 over
 * {@code v0:<timestamp>:<raw body bytes>}) and sends them over real HTTP. Use
 * {@link #at(Instant)} to sign with a stale or future timestamp.
 */
public final class SlackRequestSigner {

	public static final String TEST_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

	private final String signingSecret;

	private final Instant timestamp;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public SlackRequestSigner(String signingSecret) {
		this(signingSecret, null);
	}

	private SlackRequestSigner(String signingSecret, Instant timestamp) {
		this.signingSecret = signingSecret;
		this.timestamp = timestamp;
	}

	public static SlackRequestSigner withTestSecret() {
		return new SlackRequestSigner(TEST_SIGNING_SECRET);
	}

	/** A signer that stamps requests with a fixed time instead of now. */
	public SlackRequestSigner at(Instant fixedTimestamp) {
		return new SlackRequestSigner(signingSecret, fixedTimestamp);
	}

	public String signature(String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
			return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A slash command as Slack posts it (form-encoded). */
	public HttpResponse<String> slashCommand(URI events, String command, String text, String userId, String channelId) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("token", "legacy-verification-token");
		form.put("team_id", "T0TEAM");
		form.put("team_domain", "example");
		form.put("channel_id", channelId);
		form.put("channel_name", "incidents");
		form.put("user_id", userId);
		form.put("user_name", userId.toLowerCase());
		form.put("command", command);
		form.put("text", text);
		form.put("api_app_id", "A0APP");
		form.put("response_url", "https://hooks.slack.com/commands/T0TEAM/1/abc");
		form.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
		return postForm(events, form);
	}

	/**
	 * An interactivity payload (block_actions, view_submission) as Slack posts it: form
	 * field {@code payload}.
	 */
	public HttpResponse<String> interaction(URI events, String payloadJson) {
		return postForm(events, Map.of("payload", payloadJson));
	}

	public HttpResponse<String> postForm(URI events, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return post(events, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
	}

	public HttpResponse<String> postJson(URI events, String json) {
		return post(events, "application/json", json.getBytes(StandardCharsets.UTF_8));
	}

	/** Signs and posts raw bytes. */
	public HttpResponse<String> post(URI events, String contentType, byte[] body) {
		String ts = Long.toString((timestamp != null ? timestamp : Instant.now()).getEpochSecond());
		HttpRequest request = HttpRequest.newBuilder(events)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", contentType)
			.header("X-Slack-Request-Timestamp", ts)
			.header("X-Slack-Signature", signature(ts, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return send(request);
	}

	/** Posts without any signature headers. */
	public HttpResponse<String> postUnsigned(URI events, String contentType, byte[] body) {
		return send(HttpRequest.newBuilder(events)
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build());
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
