package dev.watchkeeper.audit.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The small fixed JSON bodies of refused API calls. */
final class ReviewerResponses {

	private ReviewerResponses() {
	}

	static void unauthorized(HttpServletResponse response, String detail) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer realm=\"watchkeeper-audit\"");
		json(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", detail);
	}

	static void json(HttpServletResponse response, int status, String error, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		StringBuilder body = new StringBuilder("{\"error\":");
		CanonicalJson.string(body, error);
		body.append(",\"detail\":");
		CanonicalJson.string(body, detail);
		response.getWriter().write(body.append('}').toString());
	}

}
