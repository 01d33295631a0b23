package dev.watchkeeper.slack.diagnostics;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import dev.watchkeeper.diagnostics.AudienceDirectory;
import dev.watchkeeper.diagnostics.AudienceDirectoryUnavailable;
import dev.watchkeeper.slack.SlackProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Answers diagnostics' audience questions from Slack: the bot's team ({@code auth.test},
 * asked once) and a channel's members ({@code conversations.members}, all pages). A
 * channel's members are kept for a minute so a burst of reveals costs one lookup; a "not
 * a member" answer from a list older than {@link #RECHECK_AFTER} is checked again, so
 * someone invited to the channel a moment ago is not turned away. Errors never mean
 * "member": they fail closed.
 */
@Component
class SlackAudienceDirectory implements AudienceDirectory {

	static final Duration MEMBERS_TTL = Duration.ofMinutes(1);

	static final Duration RECHECK_AFTER = Duration.ofSeconds(10);

	private record Members(Set<String> users, Instant readAt) {
	}

	private final Slack slack;

	private final SlackProperties properties;

	private final Clock clock;

	private final Map<String, Members> channels = new ConcurrentHashMap<>();

	private final Map<String, Object> readers = new ConcurrentHashMap<>();

	private volatile @Nullable String teamId;

	SlackAudienceDirectory(Slack slack, SlackProperties properties, Clock clock) {
		this.slack = slack;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public boolean configured() {
		return properties.botToken() != null;
	}

	@Override
	public String teamId() {
		String known = teamId;
		if (known != null) {
			return known;
		}
		AuthTestResponse response;
		try {
			response = client().authTest(r -> r);
		}
		catch (IOException | SlackApiException ex) {
			throw new AudienceDirectoryUnavailable("Slack did not answer auth.test", ex);
		}
		if (!response.isOk() || response.getTeamId() == null) {
			throw new AudienceDirectoryUnavailable("Slack answered auth.test with " + response.getError());
		}
		teamId = response.getTeamId();
		return response.getTeamId();
	}

	@Override
	public boolean isChannelMember(String channelId, String userId) {
		Members cached = channels.get(channelId);
		if (answers(cached, userId, clock.instant())) {
			return cached.users().contains(userId);
		}
		// one reader per channel: a burst of reveals waits for one conversations.members
		// walk
		synchronized (readers.computeIfAbsent(channelId, c -> new Object())) {
			Instant now = clock.instant();
			Members again = channels.get(channelId);
			if (again != cached && answers(again, userId, now)) {
				return again.users().contains(userId);
			}
			Members fresh = new Members(read(channelId), now);
			channels.put(channelId, fresh);
			return fresh.users().contains(userId);
		}
	}

	/**
	 * True when the cached list may answer: fresh, and a "no" not older than the recheck.
	 */
	private static boolean answers(@Nullable Members cached, String userId, Instant now) {
		return cached != null && cached.readAt().plus(MEMBERS_TTL).isAfter(now)
				&& (cached.users().contains(userId) || cached.readAt().plus(RECHECK_AFTER).isAfter(now));
	}

	private Set<String> read(String channelId) {
		Set<String> users = new HashSet<>();
		String cursor = null;
		do {
			String page = cursor;
			ConversationsMembersResponse response;
			try {
				response = client().conversationsMembers(r -> r.channel(channelId).limit(1000).cursor(page));
			}
			catch (IOException | SlackApiException ex) {
				throw new AudienceDirectoryUnavailable("Slack did not answer conversations.members", ex);
			}
			if (!response.isOk()) {
				// channel_not_found, missing_scope (channels:read, groups:read),
				// ratelimited, …: fail closed
				throw new AudienceDirectoryUnavailable(
						"Slack answered conversations.members for " + channelId + " with " + response.getError());
			}
			if (response.getMembers() != null) {
				users.addAll(response.getMembers());
			}
			cursor = response.getResponseMetadata() == null ? null : response.getResponseMetadata().getNextCursor();
		}
		while (cursor != null && !cursor.isEmpty());
		return users;
	}

	private MethodsClient client() {
		if (properties.botToken() == null) {
			throw new AudienceDirectoryUnavailable("SLACK_BOT_TOKEN is not set");
		}
		return slack.methods(properties.botToken().reveal());
	}

}
