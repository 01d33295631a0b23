package dev.watchkeeper.testkit;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Interactivity payloads shaped as Slack posts them, for tests that click buttons. */
public final class SlackPayloads {

	private static final ObjectMapper JSON = new ObjectMapper();

	private SlackPayloads() {
	}

	/**
	 * A {@code block_actions} payload: {@code user} clicked the button {@code actionId}
	 * (in block {@code blockId}, carrying {@code value}) on the message {@code messageTs}
	 * in {@code channel}.
	 */
	public static String buttonClick(String actionId, String blockId, String value, String user, String channel,
			String messageTs, String actionTs, String responseUrl) {
		ObjectNode payload = JSON.createObjectNode();
		payload.put("type", "block_actions");
		payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "example");
		payload.putObject("user")
			.put("id", user)
			.put("username", user.toLowerCase())
			.put("name", user.toLowerCase())
			.put("team_id", FakeSlackApi.TEAM_ID);
		payload.put("api_app_id", "A0APP");
		payload.put("token", "legacy-verification-token");
		payload.putObject("container")
			.put("type", "message")
			.put("message_ts", messageTs)
			.put("channel_id", channel)
			.put("is_ephemeral", false);
		payload.put("trigger_id", "trigger-" + actionTs);
		payload.putObject("channel").put("id", channel).put("name", "ops");
		payload.putObject("message").put("type", "message").put("ts", messageTs).put("text", "approval");
		payload.put("response_url", responseUrl);
		ObjectNode action = payload.putArray("actions").addObject();
		action.put("action_id", actionId);
		action.put("block_id", blockId);
		action.putObject("text").put("type", "plain_text").put("text", actionId).put("emoji", true);
		action.put("value", value);
		action.put("type", "button");
		action.put("action_ts", actionTs);
		return payload.toString();
	}

}
