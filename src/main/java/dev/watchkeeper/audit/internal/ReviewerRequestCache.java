package dev.watchkeeper.audit.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Remembers only page requests to return to after sign-in: never API calls, assets or a
 * {@code ?continue} parameter (Spring's default adds one to every URL after login).
 */
class ReviewerRequestCache extends HttpSessionRequestCache {

	ReviewerRequestCache() {
		setMatchingRequestParameterName(null);
	}

	@Override
	public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
		String path = request.getRequestURI();
		if ("GET".equals(request.getMethod()) && path.startsWith("/audit") && !path.startsWith("/audit/assets")
				&& !path.startsWith("/audit/login")) {
			super.saveRequest(request, response);
		}
	}

}
