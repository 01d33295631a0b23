package dev.watchkeeper.approvals;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a request was made: the approval message is posted in {@code channelId}; when
 * {@code threadTs} is set (an incident thread), the outcome is also replied there.
 */
public record Conversation(String channelId, @Nullable String threadTs) {

	private static final Pattern CHANNEL = Pattern.compile("[CDG][A-Z0-9]{2,30}");

	private static final Pattern TS = Pattern.compile("\\d{1,12}\\.\\d{1,8}");

	public Conversation {
		if (channelId == null || !CHANNEL.matcher(channelId).matches()) {
			throw new IllegalArgumentException("not a Slack channel id: '" + channelId + "'");
		}
		if (threadTs != null && !TS.matcher(threadTs).matches()) {
			throw new IllegalArgumentException("not a Slack message timestamp: '" + threadTs + "'");
		}
	}

	public static Conversation channel(String channelId) {
		return new Conversation(channelId, null);
	}

	public static Conversation thread(String channelId, String threadTs) {
		return new Conversation(channelId, threadTs);
	}
}
