package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditProperties;
import dev.watchkeeper.audit.Reviewer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who a signed-in reviewer is, and whether an OIDC user is one: the rule "limited to
 * configured reviewers" in one place. Slack's OIDC puts the user id in {@code sub} and
 * {@code https://slack.com/user_id}; an e-mail counts only when the provider says it is
 * verified.
 */
final class ReviewerIdentity {

	static final String ROLE = "REVIEWER";

	static final SimpleGrantedAuthority AUTHORITY = new SimpleGrantedAuthority("ROLE_" + ROLE);

	static final String TOKEN_PRINCIPAL = "reviewer-token";

	static final String SLACK_USER_ID_CLAIM = "https://slack.com/user_id";

	private ReviewerIdentity() {
	}

	static boolean isReviewer(AuditProperties properties, OidcUser user) {
		List<@Nullable String> ids = new ArrayList<>();
		ids.add(user.getSubject());
		ids.add(user.getClaimAsString(SLACK_USER_ID_CLAIM));
		if (!Boolean.FALSE.equals(user.getEmailVerified())) {
			ids.add(user.getEmail());
		}
		return ids.stream().anyMatch(properties::isReviewer);
	}

	static Reviewer of(@Nullable Authentication authentication) {
		if (authentication == null) {
			return new Reviewer("anonymous", "", "none");
		}
		if (authentication.getPrincipal() instanceof OidcUser user) {
			String slackId = user.getClaimAsString(SLACK_USER_ID_CLAIM);
			String id = slackId != null ? slackId : user.getSubject();
			String name = firstNonBlank(user.getFullName(), user.getPreferredUsername(), user.getEmail());
			return new Reviewer(id, name, "oidc");
		}
		return new Reviewer(TOKEN_PRINCIPAL, "", "token");
	}

	static boolean admitted(@Nullable Authentication authentication) {
		return authentication != null && authentication.getAuthorities().contains(AUTHORITY);
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
