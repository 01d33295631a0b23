package dev.watchkeeper.approvals;

import dev.watchkeeper.core.SlackUserId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One click (or modal submission) by a user. {@code clickId} is unique per click, e.g.
 * Slack's {@code action_ts}; the same user presenting the same click id for the same
 * request again is a replay and changes nothing.
 */
public record Click(SlackUserId user, String clickId) {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	public Click {
		Objects.requireNonNull(user, "user");
		if (clickId == null || !ID.matcher(clickId).matches()) {
			throw new IllegalArgumentException("not a click id: '" + clickId + "'");
		}
	}
}
