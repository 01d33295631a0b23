package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditProperties;
import dev.watchkeeper.core.Secret;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <watchkeeper.audit.reviewer-token>} for the
 * current request only (never stored in a session). A wrong token is refused at once with
 * 401, compared in constant time over SHA-256 digests so neither content nor length leaks
 * through timing.
 */
class ReviewerTokenFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ReviewerTokenFilter.class);

	private final AuditProperties properties;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ReviewerTokenFilter(AuditProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		if (!matches(properties.reviewerToken(), header.substring(7).strip())) {
			log.warn("refused reviewer token for {} from {}", request.getRequestURI(), request.getRemoteAddr());
			ReviewerResponses.unauthorized(response, "invalid reviewer token");
			return;
		}
		SecurityContext context = contexts.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(ReviewerIdentity.TOKEN_PRINCIPAL,
				null, List.of(ReviewerIdentity.AUTHORITY)));
		contexts.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			contexts.clearContext();
		}
	}

	static boolean matches(Secret expected, String presented) {
		if (expected == null) {
			return false;
		}
		return MessageDigest.isEqual(sha256(expected.reveal()), sha256(presented));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
