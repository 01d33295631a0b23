package dev.watchkeeper.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who may reveal a share when Sign in with Slack is configured: the members of one
 * channel, named users, or both; with neither, every member of the bot's Slack team.
 * Always within the bot's own team. Without Sign in with Slack the audience is recorded
 * and shown but cannot be enforced: the link is the capability.
 *
 * @param channel a Slack channel id ({@code C…}, {@code G…}), or null
 * @param users Slack user ids ({@code U…}, {@code W…}), at most {@link #MAX_USERS}
 */
public record ShareAudience(@Nullable String channel, List<String> users) {

	public static final int MAX_USERS = 50;

	private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,31}");

	private static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{2,31}");

	/** Every member of the team. */
	public static final ShareAudience TEAM = new ShareAudience(null, List.of());

	public ShareAudience {
		channel = channel == null || channel.isBlank() ? null : channel.strip();
		if (channel != null && !CHANNEL.matcher(channel).matches()) {
			throw new IllegalArgumentException(
					"the audience channel must be a Slack channel id like C0123ABCD (channel details → About)");
		}
		LinkedHashSet<String> distinct = new LinkedHashSet<>();
		for (String user : users) {
			String id = user.strip();
			if (id.isEmpty()) {
				continue;
			}
			if (!USER.matcher(id).matches()) {
				throw new IllegalArgumentException(
						"audience users must be Slack user ids like U0123ABCD (profile → ⋮ → Copy member ID)");
			}
			distinct.add(id);
		}
		if (distinct.size() > MAX_USERS) {
			throw new IllegalArgumentException("at most " + MAX_USERS + " named users may be in an audience");
		}
		users = List.copyOf(distinct);
	}

	public static ShareAudience channel(String channel) {
		return new ShareAudience(channel, List.of());
	}

	public static ShareAudience users(List<String> users) {
		return new ShareAudience(null, users);
	}

	/** The audience stored as text, e.g. {@code U1 U2}; {@link #of} reads it back. */
	public String usersText() {
		return String.join(" ", users);
	}

	public static ShareAudience of(@Nullable String channel, @Nullable String usersText) {
		List<String> users = new ArrayList<>();
		if (usersText != null) {
			for (String user : usersText.split("[\\s,]+")) {
				if (!user.isBlank()) {
					users.add(user);
				}
			}
		}
		return new ShareAudience(channel, users);
	}

	/** True when neither a channel nor users are named: the whole team. */
	public boolean wholeTeam() {
		return channel == null && users.isEmpty();
	}

	/** Adds a user (the creator, who may always open their own share). */
	public ShareAudience including(String user) {
		if (!USER.matcher(user).matches() || users.contains(user) || wholeTeam()) {
			return this;
		}
		List<String> more = new ArrayList<>(users);
		more.add(user);
		return new ShareAudience(channel, more);
	}
}
