package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.DiagnosticsProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Sign in with Slack for diagnostics. The OIDC login itself runs in the application's one
 * Spring Security chain (the audit module's, on {@code /oauth2/**} and
 * {@code /login/**}); diagnostics routes stay outside Spring Security and only read the
 * signed-in person from the HTTP session. Only a sign-in through the configured Slack
 * registration counts: a reviewer token or another provider's sign-in is not a Slack
 * identity.
 */
@Component
class SlackSignIn {

	static final String USER_ID_CLAIM = "https://slack.com/user_id";

	static final String TEAM_ID_CLAIM = "https://slack.com/team_id";

	private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

	private final String registration;

	private final boolean configured;

	SlackSignIn(DiagnosticsProperties properties, ObjectProvider<ClientRegistrationRepository> registrations) {
		this.registration = properties.signInRegistration();
		ClientRegistrationRepository repository = registrations.getIfAvailable();
		this.configured = repository != null && repository.findByRegistrationId(registration) != null;
	}

	/** True when reveals need a signed-in member of the audience. */
	boolean configured() {
		return configured;
	}

	/**
	 * Where the browser starts the sign-in (Spring Security's authorization endpoint).
	 */
	String authorizationPath() {
		return "/oauth2/authorization/" + registration;
	}

	/** The person signed in with Slack in this request's session, if any. */
	Optional<Viewer> viewer(HttpServletRequest request) {
		if (!configured || request.getSession(false) == null) {
			return Optional.empty();
		}
		Authentication authentication = sessions.loadDeferredContext(request).get().getAuthentication();
		if (authentication instanceof OAuth2AuthenticationToken token && authentication.isAuthenticated()
				&& registration.equals(token.getAuthorizedClientRegistrationId())
				&& token.getPrincipal() instanceof OidcUser user) {
			String userId = firstNonBlank(user.getClaimAsString(USER_ID_CLAIM), user.getSubject());
			String name = firstNonBlank(user.getFullName(), user.getPreferredUsername(), user.getEmail(), userId);
			return Optional.of(new Viewer(userId, user.getClaimAsString(TEAM_ID_CLAIM), name));
		}
		return Optional.empty();
	}

	private static String firstNonBlank(@Nullable String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return "";
	}

}
