package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditPage;
import dev.watchkeeper.audit.AuditProperties;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.AuditTrail;
import dev.watchkeeper.audit.Reviewer;
import dev.watchkeeper.audit.ReviewerSignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reviewer UI: the entry list with filters, one entry, sign-in. Read-only apart from
 * signing in.
 */
@Controller
class ReviewerPagesController {

	private static final Logger log = LoggerFactory.getLogger(ReviewerPagesController.class);

	static final int PAGE_SIZE = 50;

	private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	private final AuditTrail trail;

	private final AuditProperties properties;

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	private final Clock clock;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	ReviewerPagesController(AuditTrail trail, AuditProperties properties,
			ObjectProvider<ClientRegistrationRepository> registrations, Clock clock) {
		this.trail = trail;
		this.properties = properties;
		this.registrations = registrations;
		this.clock = clock;
	}

	@GetMapping({ "/audit", "/audit/" })
	ResponseEntity<String> list(HttpServletRequest request, Authentication authentication) {
		ReviewerPages.Session session = session(request, authentication);
		Long before = null;
		AuditQuery query = AuditQuery.all();
		String error = null;
		try {
			query = AuditQuery.parse(request::getParameter);
			before = ApiParameters.before(request.getParameter("before"));
		}
		catch (IllegalArgumentException ex) {
			error = ex.getMessage();
		}
		AuditPage page = trail.search(query, before, PAGE_SIZE);
		return html(error == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
				ReviewerPages.list(session, query, page, before, trail.head(), error));
	}

	@GetMapping("/audit/entries/{sequence}")
	ResponseEntity<String> entry(@PathVariable long sequence, HttpServletRequest request,
			Authentication authentication) {
		ReviewerPages.Session session = session(request, authentication);
		return trail.entry(sequence)
			.map(entry -> html(HttpStatus.OK,
					ReviewerPages.entry(session, entry, trail.head().sequence() > entry.sequence())))
			.orElseGet(() -> html(HttpStatus.NOT_FOUND,
					ReviewerPages.list(session, AuditQuery.all(), trail.search(AuditQuery.all(), null, PAGE_SIZE), null,
							trail.head(), "There is no entry " + sequence + ".")));
	}

	@GetMapping("/audit/login")
	ResponseEntity<String> login(HttpServletRequest request) {
		String message = request.getParameter("error") != null ? "That sign-in did not work. Try again."
				: request.getParameter("signed-out") != null ? "You are signed out." : null;
		CsrfToken csrf = csrf(request);
		return html(HttpStatus.OK, ReviewerPages.login(providers(), properties.reviewerToken() != null,
				csrf.getParameterName(), csrf.getToken(), message));
	}

	/**
	 * Token sign-in for small setups without OIDC: the token becomes a session, like an
	 * OIDC login does.
	 */
	@PostMapping("/audit/login")
	void tokenLogin(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
			HttpServletResponse response) throws java.io.IOException {
		if (!ReviewerTokenFilter.matches(properties.reviewerToken(), token.strip())) {
			log.warn("refused reviewer token sign-in from {}", request.getRemoteAddr());
			response.sendRedirect("/audit/login?error");
			return;
		}
		if (request.getSession(false) != null) {
			// a new session id on sign-in, so a session id planted before cannot ride the
			// login (session fixation)
			request.changeSessionId();
		}
		Authentication authentication = UsernamePasswordAuthenticationToken
			.authenticated(ReviewerIdentity.TOKEN_PRINCIPAL, null, List.of(ReviewerIdentity.AUTHORITY));
		SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.getContextHolderStrategy().setContext(context);
		contexts.saveContext(context, request, response);
		trail.append(
				new ReviewerSignedIn(UUID.randomUUID(), clock.instant(), ReviewerIdentity.of(authentication), true));
		response.sendRedirect("/audit");
	}

	private List<ReviewerPages.Provider> providers() {
		List<ReviewerPages.Provider> providers = new ArrayList<>();
		ClientRegistrationRepository repository = registrations.getIfAvailable();
		if (repository instanceof Iterable<?> iterable) {
			for (Object item : iterable) {
				if (item instanceof ClientRegistration registration) {
					providers.add(
							new ReviewerPages.Provider(registration.getRegistrationId(), registration.getClientName()));
				}
			}
		}
		return providers;
	}

	static ReviewerPages.Session session(HttpServletRequest request, @Nullable Authentication authentication) {
		Reviewer reviewer = ReviewerIdentity.of(authentication);
		CsrfToken csrf = csrf(request);
		return new ReviewerPages.Session(reviewer, csrf.getParameterName(), csrf.getToken());
	}

	private static CsrfToken csrf(HttpServletRequest request) {
		Object token = request.getAttribute(CsrfToken.class.getName());
		if (token instanceof CsrfToken csrf) {
			return csrf;
		}
		throw new IllegalStateException("no CSRF token on a reviewer page: is the reviewer security chain active?");
	}

	static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(HTML).body(body);
	}

}
