package dev.watchkeeper.slack.incidents;

import static dev.watchkeeper.slack.incidents.IncidentText.code;
import static dev.watchkeeper.slack.incidents.IncidentText.fit;
import static dev.watchkeeper.slack.incidents.IncidentText.mrkdwn;

import dev.watchkeeper.summary.DurationText;
import dev.watchkeeper.summary.IncidentSummary.AlertLine;
import java.time.Duration;
import java.util.List;

/**
 * The thread replies for changes that matter, as pure functions: new critical alerts,
 * resolution, firing again.
 */
final class IncidentReplies {

	private static final int LISTED = 10;

	private IncidentReplies() {
	}

	static String newCritical(List<AlertLine> alerts, int count) {
		StringBuilder text = new StringBuilder(":rotating_light: ")
			.append(count == 1 ? "New critical alert" : count + " new critical alerts");
		int shown = 0;
		for (AlertLine alert : alerts) {
			if (shown == LISTED) {
				break;
			}
			text.append("\n• ").append(code(fit(alert.name(), 80)));
			if (!alert.subject().isEmpty()) {
				text.append(" on ").append(mrkdwn(fit(alert.subject(), 80)));
			}
			if (!alert.text().isEmpty()) {
				text.append(" — ").append(mrkdwn(fit(alert.text().replace('\n', ' '), 140)));
			}
			shown++;
		}
		if (count > shown) {
			text.append("\n…and ").append(count - shown).append(" more");
		}
		return fit(text.toString(), IncidentBlocks.SECTION_TEXT);
	}

	static String resolved(Duration duration) {
		return ":white_check_mark: Resolved after " + DurationText.of(duration) + ".";
	}

	static String reopened() {
		return ":repeat: Firing again: the incident reopened.";
	}

}
