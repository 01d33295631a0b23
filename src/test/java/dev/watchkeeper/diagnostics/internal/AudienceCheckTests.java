package dev.watchkeeper.diagnostics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.diagnostics.AudienceDirectory;
import dev.watchkeeper.diagnostics.AudienceDirectoryUnavailable;
import dev.watchkeeper.diagnostics.DiagnosticsProperties;
import dev.watchkeeper.diagnostics.DiagnosticsProperties.Storage;
import dev.watchkeeper.diagnostics.ShareAudience;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.util.unit.DataSize;

/**
 * The audience rule, one case per branch: who may reveal, and that Slack's silence never
 * means yes.
 */
class AudienceCheckTests {

	static final String TEAM = "T0TEAM";

	static final Viewer RITA = new Viewer("U0RITA001", TEAM, "Rita");

	final FakeDirectory directory = new FakeDirectory();

	@Test
	void withoutSignInTheLinkHolderMayReveal() {
		AudienceCheck check = check(false, directory);

		assertThat(check.decide(ShareAudience.channel("C0INCIDENT"), "U0CREATOR", Optional.empty()))
			.isEqualTo(Access.LINK_HOLDER);
		assertThat(directory.questions).isEmpty();
	}

	@Test
	void withSignInSomeoneNotSignedInMustSignIn() {
		assertThat(check(true, directory).decide(ShareAudience.TEAM, "U0CREATOR", Optional.empty()))
			.isEqualTo(Access.SIGN_IN_REQUIRED);
	}

	@Test
	void channelMemberMayRevealAndNonMemberMayNot() {
		directory.members.put("C0INCIDENT", Set.of("U0RITA001"));
		AudienceCheck check = check(true, directory);

		assertThat(check.decide(ShareAudience.channel("C0INCIDENT"), "U0CREATOR", Optional.of(RITA)))
			.isEqualTo(Access.ALLOWED);
		assertThat(check.decide(ShareAudience.channel("C0INCIDENT"), "U0CREATOR",
				Optional.of(new Viewer("U0MALLORY", TEAM, "Mallory"))))
			.isEqualTo(Access.NOT_IN_AUDIENCE);
	}

	@Test
	void namedUserMayRevealWithoutAChannelLookup() {
		AudienceCheck check = check(true, directory);

		assertThat(check.decide(ShareAudience.users(List.of("U0RITA001")), "U0CREATOR", Optional.of(RITA)))
			.isEqualTo(Access.ALLOWED);
		assertThat(directory.questions).containsExactly("team");
	}

	@Test
	void namedUsersOnlyMeansEveryoneElseIsRefused() {
		assertThat(check(true, directory).decide(ShareAudience.users(List.of("U0OTHER01")), "U0CREATOR",
				Optional.of(RITA)))
			.isEqualTo(Access.NOT_IN_AUDIENCE);
	}

	@Test
	void creatorMayAlwaysReveal() {
		assertThat(check(true, directory).decide(ShareAudience.users(List.of("U0OTHER01")), "U0RITA001",
				Optional.of(RITA)))
			.isEqualTo(Access.ALLOWED);
	}

	@Test
	void wholeTeamAudienceAdmitsEveryMemberOfTheTeamOnly() {
		AudienceCheck check = check(true, directory);

		assertThat(check.decide(ShareAudience.TEAM, "U0CREATOR", Optional.of(RITA))).isEqualTo(Access.ALLOWED);
		assertThat(check.decide(ShareAudience.TEAM, "U0CREATOR", Optional.of(new Viewer("U0OTTO001", "T0OTHER", ""))))
			.isEqualTo(Access.OTHER_TEAM);
	}

	@Test
	void someoneWithoutATeamClaimIsRefused() {
		assertThat(check(true, directory).decide(ShareAudience.TEAM, "U0CREATOR",
				Optional.of(new Viewer("U0RITA001", null, "Rita"))))
			.isEqualTo(Access.OTHER_TEAM);
	}

	@Test
	void anotherTeamIsRefusedEvenWhenNamed() {
		assertThat(check(true, directory).decide(ShareAudience.users(List.of("U0OTTO001")), "U0CREATOR",
				Optional.of(new Viewer("U0OTTO001", "T0OTHER", "Otto"))))
			.isEqualTo(Access.OTHER_TEAM);
	}

	@Test
	void slackThatCannotAnswerFailsClosed() {
		directory.down = true;

		assertThat(check(true, directory).decide(ShareAudience.channel("C0INCIDENT"), "U0CREATOR", Optional.of(RITA)))
			.isEqualTo(Access.UNVERIFIABLE);
	}

	@Test
	void slackNotConfiguredFailsClosed() {
		directory.configured = false;

		assertThat(check(true, directory).decide(ShareAudience.TEAM, "U0CREATOR", Optional.of(RITA)))
			.isEqualTo(Access.UNVERIFIABLE);
		assertThat(check(true, directory).enforceable()).isFalse();
	}

	@Test
	void onlyPermittingAccessesPermit() {
		assertThat(List.of(Access.values()).stream().filter(Access::permits))
			.containsExactlyInAnyOrder(Access.LINK_HOLDER, Access.ALLOWED);
	}

	private static AudienceCheck check(boolean signInConfigured, AudienceDirectory directory) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (signInConfigured) {
			beans.addBean("registrations",
					new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("slack")
						.clientId("client")
						.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
						.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
						.authorizationUri("https://slack.com/openid/connect/authorize")
						.tokenUri("https://slack.com/api/openid.connect.token")
						.build()));
		}
		beans.addBean("directory", directory);
		SlackSignIn signIn = new SlackSignIn(properties(), beans.getBeanProvider(ClientRegistrationRepository.class));
		return new AudienceCheck(signIn, beans.getBeanProvider(AudienceDirectory.class));
	}

	private static DiagnosticsProperties properties() {
		return new DiagnosticsProperties(Duration.ofHours(24), 1, DataSize.ofMegabytes(256), DataSize.ofGigabytes(20),
				Storage.FILESYSTEM, Path.of("x"), Duration.ofMinutes(10), 5, "slack", 60, 120);
	}

	/** Answers from maps, records what it was asked, and can be down or unconfigured. */
	static final class FakeDirectory implements AudienceDirectory {

		final Map<String, Set<String>> members = new java.util.HashMap<>();

		final List<String> questions = new ArrayList<>();

		boolean down;

		boolean configured = true;

		@Override
		public boolean configured() {
			return configured;
		}

		@Override
		public String teamId() {
			questions.add("team");
			if (down) {
				throw new AudienceDirectoryUnavailable("ratelimited");
			}
			return TEAM;
		}

		@Override
		public boolean isChannelMember(String channelId, String userId) {
			questions.add(channelId);
			if (down) {
				throw new AudienceDirectoryUnavailable("ratelimited");
			}
			return members.getOrDefault(channelId, Set.of()).contains(userId);
		}

	}

}
