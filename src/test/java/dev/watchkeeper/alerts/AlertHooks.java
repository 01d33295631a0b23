package dev.watchkeeper.alerts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test client for the alert endpoints over real HTTP, plus payloads: the captured
 * Alertmanager and Grafana fixtures (made unique per test so tests never share a group or
 * a fingerprint) and Alertmanager-shaped payloads built in code.
 */
public final class AlertHooks {

	public static final String TOKEN = "test-webhook-token-0123456789";

	public static final String REVIEWER_TOKEN = "test-reviewer-token-abcdef-0123456789abcdef";

	public static final String DEFAULT_CHANNEL = "C0DEFAULT";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern FINGERPRINT = Pattern.compile("\"fingerprint\":\\s*\"([0-9a-f]+)\"");

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public AlertHooks(int port) {
		this.base = URI.create("http://127.0.0.1:" + port);
	}

	public HttpResponse<String> alertmanager(String json) {
		return post("/hooks/alertmanager", "application/json", json.getBytes(StandardCharsets.UTF_8), TOKEN);
	}

	public HttpResponse<String> grafana(String json) {
		return post("/hooks/grafana", "application/json", json.getBytes(StandardCharsets.UTF_8), TOKEN);
	}

	public HttpResponse<String> post(String path, @Nullable String contentType, byte[] body, @Nullable String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request.build());
	}

	/** Posts without a Content-Length (chunked), as a sender streaming its body would. */
	public HttpResponse<String> postChunked(String path, byte[] body, String token) {
		HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(body)))
			.build();
		return send(request);
	}

	public HttpResponse<String> get(String pathAndQuery, @Nullable String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
			.timeout(Duration.ofSeconds(60));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request.GET().build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A payload from {@code src/test/resources/alerts/}. */
	public static String fixture(String name) {
		try (InputStream in = AlertHooks.class.getResourceAsStream("/alerts/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The Alertmanager fixture with its namespace ({@code checkout}) and fingerprints
	 * suffixed, so each test has its own group and alerts.
	 */
	public static String uniqueFixture(String name, String suffix) {
		return uniqueFixture(name, "checkout", suffix);
	}

	/**
	 * A fixture with {@code word} and its fingerprints suffixed, so each test has its own
	 * group and alerts.
	 */
	public static String uniqueFixture(String name, String word, String suffix) {
		String json = fixture(name).replace(word, word + "-" + suffix);
		Matcher m = FINGERPRINT.matcher(json);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, "\"fingerprint\": \"" + m.group(1) + suffix.hashCode() + "\"");
		}
		m.appendTail(out);
		return out.toString();
	}

	/**
	 * An Alertmanager webhook (version 4) with the given alerts, grouped under
	 * {@code groupKey}.
	 */
	public static String payload(String groupKey, Map<String, String> groupLabels, List<Map<String, Object>> alerts) {
		boolean firing = alerts.stream().anyMatch(a -> "firing".equals(a.get("status")));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("receiver", "watchkeeper");
		body.put("status", firing ? "firing" : "resolved");
		body.put("alerts", alerts);
		body.put("groupLabels", groupLabels);
		body.put("commonLabels", groupLabels);
		body.put("commonAnnotations", Map.of());
		body.put("externalURL", "http://alertmanager.example.com:9093");
		body.put("version", "4");
		body.put("groupKey", groupKey);
		body.put("truncatedAlerts", 0);
		return JSON.writeValueAsString(body);
	}

	public static Map<String, Object> alert(String status, Map<String, String> labels, Map<String, String> annotations,
			Instant startsAt, @Nullable Instant endsAt) {
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("status", status);
		alert.put("labels", labels);
		alert.put("annotations", annotations);
		alert.put("startsAt", startsAt.toString());
		alert.put("endsAt", endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString());
		alert.put("generatorURL", "http://prometheus.example.com:9090/graph?g0.expr=up");
		return alert;
	}

}
