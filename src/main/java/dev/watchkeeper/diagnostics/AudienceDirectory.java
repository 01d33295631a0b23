package dev.watchkeeper.diagnostics;

/**
 * Answers the questions a share's audience needs: which Slack team the bot belongs to,
 * and who is in a channel. Implemented by the Slack module ({@code auth.test},
 * {@code conversations.members}); diagnostics never talks to Slack itself.
 */
public interface AudienceDirectory {

	/**
	 * False when Slack is not configured at all (no bot token): every audience is then
	 * unverifiable.
	 */
	boolean configured();

	/**
	 * The bot's own team id; signed-in users from any other team are refused.
	 * @throws AudienceDirectoryUnavailable when Slack cannot answer now: the reveal fails
	 * closed and uses nothing
	 */
	String teamId();

	/**
	 * @throws AudienceDirectoryUnavailable when Slack cannot answer now
	 */
	boolean isChannelMember(String channelId, String userId);

}
