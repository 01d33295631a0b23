package dev.watchkeeper.slack.incidents;

import com.slack.api.bolt.App;
import dev.watchkeeper.slack.SlackListeners;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Acknowledges clicks on the incident message's link buttons: Slack opens the URL itself
 * but still sends the click, and an unanswered click shows the user a warning.
 */
@Component
class IncidentLinkButtons implements SlackListeners {

	@Override
	public void register(App app) {
		app.blockAction(Pattern.compile("^incident:link:\\d+$"), (request, context) -> context.ack());
	}

}
