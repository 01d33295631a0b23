package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.DiagnosticsProperties;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits what one client address may ask of the public diagnostics endpoints: creating
 * shares ({@code POST /api/d}, per hour) and the proof-carrying requests that look shares
 * up ({@code nonce}, {@code status}, {@code reveal}, {@code revoke}, per minute). Over
 * the limit: 429 with {@code Retry-After}, before anything is looked up or used. Pages,
 * assets, uploads (which need their upload token) and resumed downloads (which need a
 * lease) are not limited. The address is the one Tomcat reports, which behind the chart's
 * ingress is the client's (forwarded headers trusted from internal proxies only).
 */
class DiagnosticsRateLimitFilter extends OncePerRequestFilter {

	private static final Pattern PROOF = Pattern
		.compile("/api/d/[A-Za-z0-9_-]{1,64}/(nonce|status|revoke)|/d/[A-Za-z0-9_-]{1,64}/reveal");

	private final @Nullable ClientRateLimiter creates;

	private final @Nullable ClientRateLimiter proofs;

	DiagnosticsRateLimitFilter(DiagnosticsProperties properties, Clock clock) {
		this.creates = properties.createsPerHour() == 0 ? null
				: new ClientRateLimiter(properties.createsPerHour(), Duration.ofHours(1), clock);
		this.proofs = properties.requestsPerMinute() == 0 ? null
				: new ClientRateLimiter(properties.requestsPerMinute(), Duration.ofMinutes(1), clock);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ClientRateLimiter limiter = limiterFor(request);
		if (limiter != null) {
			ConsumptionProbe probe = limiter.tryTake(request.getRemoteAddr());
			if (!probe.isConsumed()) {
				long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
				response.setHeader("Retry-After", Long.toString(seconds));
				DiagnosticsErrors.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
						"Too many requests from your address. Nothing was used; try again in " + seconds + " seconds.",
						Map.of("retryAfterSeconds", seconds));
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private @Nullable ClientRateLimiter limiterFor(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return null;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals("/api/d")) {
			return creates;
		}
		return PROOF.matcher(path).matches() ? proofs : null;
	}

}
