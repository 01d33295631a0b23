package dev.watchkeeper.slack.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.watchkeeper.core.Secret;
import dev.watchkeeper.credentials.MutableClock;
import dev.watchkeeper.diagnostics.AudienceDirectoryUnavailable;
import dev.watchkeeper.slack.SlackProperties;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.FakeSlackApi.SlackCall;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * {@link SlackAudienceDirectory} over real HTTP against the fake Slack API: pages of
 * channel members, the team id, the short cache and its recheck, and failing closed
 * whenever Slack cannot answer.
 */
class SlackAudienceDirectoryTests {

	/**
	 * A token of its own, so calls made by other tests' applications in this JVM are not
	 * counted.
	 */
	static final String TOKEN = "xoxb-audience-directory-tests";

	static final String CHANNEL = "C0AUDIENCE";

	static final String ALICE = "U0ALICE01";

	final FakeSlackApi slack = FakeSlackApi.shared();

	final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));

	SlackAudienceDirectory directory = directory(slack.apiUrl(), TOKEN);

	@BeforeEach
	void setUp() {
		slack.reset();
	}

	@Test
	void aMemberOnALaterPageIsFound() {
		slack.channelMembers(CHANNEL, members(2500, ALICE));

		assertThat(directory.isChannelMember(CHANNEL, ALICE)).isTrue();

		List<SlackCall> pages = calls("conversations.members");
		assertThat(pages).hasSize(3);
		assertThat(pages.get(0).param("channel")).isEqualTo(CHANNEL);
		assertThat(pages.get(0).param("cursor")).isEmpty();
		assertThat(pages.get(1).param("cursor")).isNotEmpty();
		assertThat(pages.get(2).param("cursor")).isNotEmpty().isNotEqualTo(pages.get(1).param("cursor"));
	}

	@Test
	void aBurstOfLookupsForOneChannelWalksItsMembersOnce() throws Exception {
		slack.channelMembers(CHANNEL, members(2500, ALICE));
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<Boolean>> answers = new java.util.ArrayList<>();
			for (int i = 0; i < 8; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return directory.isChannelMember(CHANNEL, ALICE);
				}));
			}
			start.countDown();
			for (java.util.concurrent.Future<Boolean> answer : answers) {
				assertThat(answer.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(calls("conversations.members")).as("three pages, read once for all eight").hasSize(3);
	}

	@Test
	void someoneOutsideTheChannelIsNotAMember() {
		slack.channelMembers(CHANNEL, members(1200, ALICE));

		assertThat(directory.isChannelMember(CHANNEL, "U0MALLORY")).isFalse();
	}

	@Test
	void theTeamIsAskedOnce() {
		assertThat(directory.teamId()).isEqualTo(FakeSlackApi.TEAM_ID);
		assertThat(directory.teamId()).isEqualTo(FakeSlackApi.TEAM_ID);

		assertThat(calls("auth.test")).hasSize(1);
	}

	@Test
	void aKnownMemberIsAnsweredFromTheCacheWithinAMinute() {
		slack.channelMembers(CHANNEL, List.of(ALICE, "U0BOB0001"));
		assertThat(directory.isChannelMember(CHANNEL, ALICE)).isTrue();

		clock.advance(Duration.ofSeconds(50));
		slack.channelMembers(CHANNEL, List.of("U0BOB0001"));

		assertThat(directory.isChannelMember(CHANNEL, ALICE)).isTrue();
		assertThat(calls("conversations.members")).hasSize(1);
	}

	@Test
	void aFreshNoIsNotAskedAgainButAnOlderOneIs() {
		slack.channelMembers(CHANNEL, List.of("U0BOB0001"));
		assertThat(directory.isChannelMember(CHANNEL, ALICE)).isFalse();

		// a burst of refused reveals costs one lookup
		clock.advance(Duration.ofSeconds(5));
		assertThat(directory.isChannelMember(CHANNEL, ALICE)).isFalse();
		assertThat(calls("conversations.members")).hasSize(1);

		// Alice was invited a moment ago: the list is older than the recheck delay, so
		// Slack is asked again
		slack.channelMembers(CHANNEL, List.of("U0BOB0001", ALICE));
		clock.advance(SlackAudienceDirectory.RECHECK_AFTER);
		assertThat(directory.isChannelMember(CHANNEL, ALICE)).isTrue();
		assertThat(calls("conversations.members")).hasSize(2);
	}

	@Test
	void someoneRemovedFromTheChannelIsNoLongerAMemberAfterAMinute() {
		slack.channelMembers(CHANNEL, List.of(ALICE));
		assertThat(directory.isChannelMember(CHANNEL, ALICE)).isTrue();

		slack.channelMembers(CHANNEL, List.of("U0BOB0001"));
		clock.advance(SlackAudienceDirectory.MEMBERS_TTL);

		assertThat(directory.isChannelMember(CHANNEL, ALICE)).isFalse();
		assertThat(calls("conversations.members")).hasSize(2);
	}

	@Test
	void aChannelSlackDoesNotKnowFailsClosed() {
		assertThatThrownBy(() -> directory.isChannelMember("C0UNKNOWN", ALICE))
			.isInstanceOf(AudienceDirectoryUnavailable.class)
			.hasMessageContaining("channel_not_found");
	}

	@Test
	void aRateLimitedLookupFailsClosed() {
		slack.channelMembers(CHANNEL, List.of(ALICE));
		slack.rateLimitNext("conversations.members", 30);

		assertThatThrownBy(() -> directory.isChannelMember(CHANNEL, ALICE))
			.isInstanceOf(AudienceDirectoryUnavailable.class);
		assertThat(calls("conversations.members")).singleElement()
			.satisfies(call -> assertThat(call.status()).isEqualTo(429));
	}

	@Test
	void aFailureOnALaterPageFailsClosedAndCachesNothing() {
		slack.channelMembers(CHANNEL, members(1500, ALICE));
		slack.passNext("conversations.members");
		slack.failNext("conversations.members", "internal_error");
		assertThatThrownBy(() -> directory.isChannelMember(CHANNEL, ALICE))
			.isInstanceOf(AudienceDirectoryUnavailable.class)
			.hasMessageContaining("internal_error");

		assertThat(calls("conversations.members")).hasSize(2);

		// nothing half-read was kept: the next question reads every page again
		assertThat(directory.isChannelMember(CHANNEL, ALICE)).isTrue();
		assertThat(calls("conversations.members")).hasSize(4);
	}

	@Test
	void aMissingScopeFailsClosed() {
		slack.channelMembers(CHANNEL, List.of(ALICE));
		slack.failNext("conversations.members", "missing_scope");

		assertThatThrownBy(() -> directory.isChannelMember(CHANNEL, ALICE))
			.isInstanceOf(AudienceDirectoryUnavailable.class)
			.hasMessageContaining("missing_scope");
	}

	@Test
	void anAuthTestErrorFailsClosedAndIsAskedAgainLater() {
		slack.failNext("auth.test", "invalid_auth");

		assertThatThrownBy(directory::teamId).isInstanceOf(AudienceDirectoryUnavailable.class)
			.hasMessageContaining("invalid_auth");
		assertThat(directory.teamId()).isEqualTo(FakeSlackApi.TEAM_ID);
	}

	@Test
	void unreachableSlackFailsClosed() throws Exception {
		URI closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/api/");
		}
		SlackAudienceDirectory unreachable = directory(closed, TOKEN);

		assertThatThrownBy(() -> unreachable.isChannelMember(CHANNEL, ALICE))
			.isInstanceOf(AudienceDirectoryUnavailable.class);
		assertThatThrownBy(unreachable::teamId).isInstanceOf(AudienceDirectoryUnavailable.class);
	}

	@Test
	void withoutABotTokenNothingIsConfiguredAndNothingIsAsked() {
		SlackAudienceDirectory unconfigured = directory(slack.apiUrl(), null);

		assertThat(unconfigured.configured()).isFalse();
		assertThat(directory.configured()).isTrue();
		assertThatThrownBy(() -> unconfigured.isChannelMember(CHANNEL, ALICE))
			.isInstanceOf(AudienceDirectoryUnavailable.class);
		assertThatThrownBy(unconfigured::teamId).isInstanceOf(AudienceDirectoryUnavailable.class);
		assertThat(slack.calls("conversations.members")).isEmpty();
		assertThat(slack.calls("auth.test")).isEmpty();
	}

	private SlackAudienceDirectory directory(URI apiUrl, String token) {
		SlackConfig config = new SlackConfig();
		config.setMethodsEndpointUrlPrefix(apiUrl.toString());
		config.setStatsEnabled(false);
		SlackProperties properties = new SlackProperties(apiUrl, Secret.ofNullable(token),
				token == null ? null : Secret.of("signing-secret"), null, DataSize.ofMegabytes(1), 8);
		return new SlackAudienceDirectory(Slack.getInstance(config), properties, clock);
	}

	/** Calls made with this test's token. */
	private List<SlackCall> calls(String method) {
		return slack.calls(method).stream().filter(call -> TOKEN.equals(call.param("token"))).toList();
	}

	/** {@code count} members with {@code member} last, so it is on the last page. */
	private static List<String> members(int count, String member) {
		List<String> users = new ArrayList<>(IntStream.range(1, count).mapToObj(i -> "U%08d".formatted(i)).toList());
		users.add(member);
		return users;
	}

}
