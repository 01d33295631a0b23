package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditProperties;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Loads the OIDC user and grants {@code ROLE_REVIEWER} only to configured reviewers.
 * Everyone else still signs in (so the refusal is recorded with their identity) and then
 * meets 403 on every reviewer page.
 */
class ReviewerOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService delegate = new OidcUserService();

	private final AuditProperties properties;

	ReviewerOidcUserService(AuditProperties properties) {
		this.properties = properties;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
		OidcUser user = delegate.loadUser(request);
		Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
		authorities.remove(ReviewerIdentity.AUTHORITY);
		if (ReviewerIdentity.isReviewer(properties, user)) {
			authorities.add(ReviewerIdentity.AUTHORITY);
		}
		return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "sub");
	}

}
