package dev.watchkeeper.diagnostics.internal;

import dev.watchkeeper.diagnostics.AudienceDirectory;
import dev.watchkeeper.diagnostics.AudienceDirectoryUnavailable;
import dev.watchkeeper.diagnostics.ShareAudience;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Decides whether the person asking may reveal a share: the rule "a signed-in member of
 * the share's audience, same Slack team" in one place. Runs before anything is consumed;
 * when Slack cannot answer, it fails closed.
 */
@Component
class AudienceCheck {

	private static final Logger log = LoggerFactory.getLogger(AudienceCheck.class);

	private final SlackSignIn signIn;

	private final @Nullable AudienceDirectory directory;

	AudienceCheck(SlackSignIn signIn, ObjectProvider<AudienceDirectory> directory) {
		this.signIn = signIn;
		this.directory = directory.getIfAvailable();
	}

	boolean signInConfigured() {
		return signIn.configured();
	}

	/** True when reveals are limited to the audience and Slack is there to check it. */
	boolean enforceable() {
		return signIn.configured() && directory != null && directory.configured();
	}

	Access decide(ShareAudience audience, String creator, Optional<Viewer> viewer) {
		if (!signIn.configured()) {
			return Access.LINK_HOLDER;
		}
		if (viewer.isEmpty()) {
			return Access.SIGN_IN_REQUIRED;
		}
		if (directory == null || !directory.configured()) {
			log.warn("Sign in with Slack is configured but Slack is not (SLACK_BOT_TOKEN): refusing reveals");
			return Access.UNVERIFIABLE;
		}
		String user = viewer.get().userId();
		try {
			if (!directory.teamId().equals(viewer.get().teamId())) {
				return Access.OTHER_TEAM;
			}
			if (audience.wholeTeam() || user.equals(creator) || audience.users().contains(user)) {
				return Access.ALLOWED;
			}
			if (audience.channel() != null && directory.isChannelMember(audience.channel(), user)) {
				return Access.ALLOWED;
			}
			return Access.NOT_IN_AUDIENCE;
		}
		catch (AudienceDirectoryUnavailable ex) {
			log.warn("could not check a diagnostics audience with Slack: {}", ex.getMessage());
			return Access.UNVERIFIABLE;
		}
	}

}
