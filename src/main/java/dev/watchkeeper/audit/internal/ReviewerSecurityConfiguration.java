package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditProperties;
import dev.watchkeeper.audit.AuditTrail;
import dev.watchkeeper.audit.ReviewerSignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security for the reviewer UI and API only. Two fences keep it off everything
 * else: the servlet container mounts Spring Security's filter only on the reviewer paths
 * (so {@code /slack/**}, whose signature check needs the untouched raw body,
 * {@code /hooks/**} with their own bearer token, {@code /d/**} and {@code /actuator/**}
 * never enter it), and the one {@link SecurityFilterChain} has a {@code securityMatcher}
 * for the same paths, so Spring Boot's default "secure everything" chain is never
 * created.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReviewerSecurityConfiguration {

	/** Paths the reviewer chain guards, as Spring path patterns. */
	static final String[] PATHS = { "/audit", "/audit/**", "/api/audit", "/api/audit/**", "/api/alerts",
			"/api/alerts/**", "/login/**", "/oauth2/**", "/logout" };

	/** The same paths as servlet URL patterns for the container's filter mapping. */
	static final List<String> SERVLET_PATTERNS = List.of("/audit", "/audit/*", "/api/audit", "/api/audit/*",
			"/api/alerts", "/api/alerts/*", "/login/*", "/oauth2/*", "/logout");

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "connect-src 'self'; img-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

	@Bean
	SecurityFilterChain reviewerSecurity(HttpSecurity http, AuditProperties properties,
			ObjectProvider<ClientRegistrationRepository> registrations, AuditTrail trail, Clock clock)
			throws Exception {
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
		http.securityMatcher(PATHS)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/audit/assets/**", "/audit/login", "/login/**", "/oauth2/**", "/logout")
				.permitAll()
				.anyRequest()
				.hasRole(ReviewerIdentity.ROLE))
			.addFilterAfter(new ReviewerTokenFilter(properties), SecurityContextHolderFilter.class)
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor((request, response, ex) -> ReviewerResponses.unauthorized(response,
						"send Authorization: Bearer <reviewer token> or sign in at /audit/login"), api)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/audit/login"),
						request -> true)
				.accessDeniedHandler(accessDenied(api)))
			// the API is read-only GETs authenticated per request; forms (sign-in,
			// sign-out) keep CSRF protection
			.csrf(csrf -> csrf.ignoringRequestMatchers(api))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions(frames -> frames.deny()))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/audit/login?signed-out"))
			.requestCache(cache -> cache.requestCache(new ReviewerRequestCache()));
		if (registrations.getIfAvailable() != null) {
			http.oauth2Login(login -> login.loginPage("/audit/login")
				.failureHandler(returningFailure())
				.authorizedClientRepository(new ForgettingAuthorizedClients())
				.userInfoEndpoint(userInfo -> userInfo.oidcUserService(new ReviewerOidcUserService(properties)))
				.successHandler(recordingSignIn(trail, clock)));
		}
		return http.build();
	}

	/**
	 * Mounts Spring Security's servlet filter on the reviewer paths only: requests
	 * elsewhere never pass through any of its filters (not even the firewall or header
	 * writers).
	 */
	@Bean
	static BeanPostProcessor reviewerPathsOnlySecurityFilter() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof DelegatingFilterProxyRegistrationBean registration
						&& beanName.equals("securityFilterChainRegistration")) {
					registration.setUrlPatterns(SERVLET_PATTERNS);
				}
				return bean;
			}
		};
	}

	/**
	 * After a sign-in: back to the page that started it. A sign-in started elsewhere in
	 * the application (a diagnostics share's "Sign in with Slack to reveal") is not a
	 * reviewer sign-in and is not recorded as one; the reveal that follows is audited
	 * with the person's identity.
	 */
	private static AuthenticationSuccessHandler recordingSignIn(AuditTrail trail, Clock clock) {
		SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();
		redirect.setDefaultTargetUrl("/audit");
		HttpSessionRequestCache requests = new HttpSessionRequestCache();
		return (request, response, authentication) -> {
			SavedRequest saved = requests.getRequest(request, response);
			if (saved != null && !isReviewerPage(saved.getRedirectUrl())) {
				requests.removeRequest(request, response);
				response.sendRedirect(saved.getRedirectUrl());
				return;
			}
			trail.append(new ReviewerSignedIn(UUID.randomUUID(), clock.instant(), ReviewerIdentity.of(authentication),
					ReviewerIdentity.admitted(authentication)));
			redirect.onAuthenticationSuccess(request, response, authentication);
		};
	}

	/**
	 * A failed sign-in started outside the reviewer UI returns there with
	 * {@code sign-in-error} added.
	 */
	private static AuthenticationFailureHandler returningFailure() {
		HttpSessionRequestCache requests = new HttpSessionRequestCache();
		SimpleUrlAuthenticationFailureHandler reviewerLogin = new SimpleUrlAuthenticationFailureHandler(
				"/audit/login?error");
		return (request, response, exception) -> {
			SavedRequest saved = requests.getRequest(request, response);
			if (saved != null && !isReviewerPage(saved.getRedirectUrl())) {
				requests.removeRequest(request, response);
				String url = saved.getRedirectUrl();
				response.sendRedirect(url + (url.contains("?") ? "&" : "?") + "sign-in-error");
				return;
			}
			reviewerLogin.onAuthenticationFailure(request, response, exception);
		};
	}

	private static boolean isReviewerPage(String url) {
		String path = URI.create(url).getPath();
		return path == null || path.equals("/audit") || path.startsWith("/audit/");
	}

	private static AccessDeniedHandler accessDenied(RequestMatcher api) {
		return (request, response, ex) -> {
			if (api.matches(request)) {
				ReviewerResponses.json(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
						"not a configured reviewer (watchkeeper.audit.reviewers)");
				return;
			}
			refusedPage(request, response);
		};
	}

	private static void refusedPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Authentication authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
			.getAuthentication();
		String page = ReviewerPages.refused(ReviewerPagesController.session(request, authentication));
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter().write(page);
	}

}
