package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.ShareId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /d/sign-in?share={id}}: the share page's "Sign in with Slack" button.
 * Remembers this request, sends the browser to the OIDC authorization endpoint and, once
 * signed in, back to {@code /d/{id}}. Only a well-formed share id is accepted, so this
 * cannot be turned into an open redirect; it looks nothing up and consumes nothing. The
 * link key does not travel: the page keeps it in {@code sessionStorage} across the round
 * trip and deletes it on return.
 */
@Controller
class SignInController {

	static final String FAILED = "sign-in-error";

	private final SlackSignIn signIn;

	private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

	SignInController(SlackSignIn signIn) {
		this.signIn = signIn;
		requests.setMatchingRequestParameterName(null);
	}

	@GetMapping("/d/sign-in")
	void signIn(@RequestParam(name = "share", required = false) @Nullable String share,
			@RequestParam(name = FAILED, required = false) @Nullable String failed, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (share == null || !ShareId.isWellFormed(share)) {
			// a page request from a browser: a plain-text answer, whatever it accepts
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType("text/plain;charset=UTF-8");
			response.getWriter().write("This sign-in link is damaged: open the share's link again.\n");
			return;
		}
		String page = "/d/" + share;
		if (failed != null) {
			response.sendRedirect(page + "?sign-in=failed");
			return;
		}
		if (!signIn.configured() || signIn.viewer(request).isPresent()) {
			response.sendRedirect(page);
			return;
		}
		// the sign-in's success handler returns here; this time with a session, so on to
		// the page
		requests.saveRequest(request, response);
		response.sendRedirect(signIn.authorizationPath());
	}

}
