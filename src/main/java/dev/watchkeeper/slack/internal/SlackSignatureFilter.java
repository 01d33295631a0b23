package dev.watchkeeper.slack.internal;

import dev.watchkeeper.core.Secret;
import dev.watchkeeper.slack.SlackProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Verifies Slack's request signature over the raw request bytes before Bolt sees the
 * request.
 * <p>
 * Done here rather than in Bolt because Bolt 1.47 re-encodes the body with the platform
 * charset (genuine requests with non-ASCII text fail under {@code LANG=C}), accepts
 * timestamps from the future and compares signatures in non-constant time. The body is
 * read at most once, bounded by {@code watchkeeper.slack.max-request-body}, and handed on
 * as UTF-8.
 */
class SlackSignatureFilter extends OncePerRequestFilter {

	static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

	private static final Logger log = LoggerFactory.getLogger(SlackSignatureFilter.class);

	private final SlackProperties properties;

	private final SlackPayloadValidator validator;

	private final Clock clock;

	SlackSignatureFilter(SlackProperties properties, SlackPayloadValidator validator, Clock clock) {
		this.properties = properties;
		this.validator = validator;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"POST".equals(request.getMethod())) {
			reject(response, 405, "method_not_allowed", "Slack requests are POSTs");
			return;
		}
		Secret signingSecret = properties.signingSecret();
		if (signingSecret == null) {
			reject(response, 503, "slack_http_mode_disabled", "set SLACK_SIGNING_SECRET to accept Slack requests");
			return;
		}
		long limit = properties.maxRequestBody().toBytes();
		if (request.getContentLengthLong() > limit) {
			reject(response, 413, "payload_too_large", "request body exceeds " + limit + " bytes");
			return;
		}
		byte[] body = readBounded(request.getInputStream(), limit);
		if (body == null) {
			reject(response, 413, "payload_too_large", "request body exceeds " + limit + " bytes");
			return;
		}
		String timestamp = request.getHeader("X-Slack-Request-Timestamp");
		String signature = request.getHeader("X-Slack-Signature");
		String problem = signatureProblem(signingSecret, timestamp, signature, body);
		if (problem != null) {
			log.warn("refused Slack request to {}: {}", request.getRequestURI(), problem);
			reject(response, 401, "invalid_signature", problem);
			return;
		}
		String malformed = validator.problemWith(request.getContentType(), body);
		if (malformed != null) {
			reject(response, 400, "malformed_request", malformed);
			return;
		}
		chain.doFilter(new CachedBodyRequest(request, body), new Utf8Response(response));
	}

	/**
	 * Null when the signature is genuine and fresh, otherwise why not (never echoes the
	 * expected value).
	 */
	String signatureProblem(Secret signingSecret, String timestamp, String signature, byte[] body) {
		if (timestamp == null || signature == null) {
			return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.strip());
		}
		catch (NumberFormatException ex) {
			return "timestamp is not a number";
		}
		long now = clock.instant().getEpochSecond();
		if (Math.abs(now - seconds) > MAX_CLOCK_SKEW.toSeconds()) {
			return "timestamp outside the 5-minute window";
		}
		byte[] expected = sign(signingSecret, timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
		byte[] presented = signature.strip().getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, presented) ? null : "signature does not match";
	}

	static String sign(Secret signingSecret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(signingSecret.bytes(), "HmacSHA256"));
			mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
			mac.update(body);
			return "v0=" + HexFormat.of().formatHex(mac.doFinal());
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	/**
	 * Reads at most {@code limit} bytes; null when the body is longer (chunked bodies
	 * carry no length).
	 */
	private static byte[] readBounded(InputStream in, long limit) throws IOException {
		byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
		return body.length > limit ? null : body;
	}

	private static void reject(HttpServletResponse response, int status, String error, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.getWriter().write("{\"ok\":false,\"error\":\"" + error + "\",\"detail\":\"" + detail + "\"}");
	}

}
