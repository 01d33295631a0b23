package dev.watchkeeper.slack.diagnostics;

import dev.watchkeeper.core.IncidentId;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a share started, carried through the modal's {@code private_metadata}: the
 * channel, the thread (when started from a message in an incident thread) and the
 * incident. Validated when read back, since Slack echoes it to us.
 */
record ShareOrigin(String channel, String threadTs, String incidentId) {

	private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,20}");

	private static final Pattern TS = Pattern.compile("\\d{1,12}\\.\\d{1,9}");

	private static final ObjectMapper json = JsonMapper.builder().build();

	ShareOrigin {
		if (!CHANNEL.matcher(channel).matches()) {
			throw new IllegalArgumentException("not a channel id");
		}
		if (!threadTs.isEmpty() && !TS.matcher(threadTs).matches()) {
			throw new IllegalArgumentException("not a message timestamp");
		}
		if (!incidentId.isEmpty()) {
			incidentId = IncidentId.parse(incidentId).toString();
		}
	}

	static ShareOrigin of(String channel, String threadTs, String incidentId) {
		return new ShareOrigin(channel, threadTs == null ? "" : threadTs, incidentId);
	}

	String toJson() {
		ObjectNode node = json.createObjectNode();
		node.put("channel", channel);
		node.put("thread", threadTs);
		node.put("incident", incidentId);
		return json.writeValueAsString(node);
	}

	static ShareOrigin fromJson(String text) {
		JsonNode node = json.readTree(text);
		return of(node.path("channel").asString(""), node.path("thread").asString(""),
				node.path("incident").asString(""));
	}
}
