package dev.watchkeeper.slack.audit;

import com.slack.api.bolt.App;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.watchkeeper.audit.AuditHeadWitnessed;
import dev.watchkeeper.slack.SlackProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Posts each witnessed audit chain head to the witness channel. Synchronous, so a failed
 * post throws back into the witness job, which leaves its mark where it was and tries
 * again at the next interval.
 */
@Component
class AuditWitnessPoster {

	private static final Logger log = LoggerFactory.getLogger(AuditWitnessPoster.class);

	private final App app;

	private final SlackProperties properties;

	AuditWitnessPoster(App app, SlackProperties properties) {
		this.app = app;
		this.properties = properties;
	}

	@EventListener
	void post(AuditHeadWitnessed head) {
		if (properties.botToken() == null) {
			throw new IllegalStateException(
					"cannot post the audit head to " + head.channel() + ": set SLACK_BOT_TOKEN");
		}
		ChatPostMessageResponse response;
		try {
			response = app.client()
				.chatPostMessage(message -> message.token(properties.botToken().reveal())
					.channel(head.channel())
					.text(text(head))
					.unfurlLinks(false)
					.unfurlMedia(false));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("posting the audit head to Slack failed", ex);
		}
		catch (SlackApiException ex) {
			throw new IllegalStateException("Slack refused the audit head post: HTTP " + ex.getResponse().code(), ex);
		}
		if (!response.isOk()) {
			throw new IllegalStateException("Slack refused the audit head post: " + response.getError());
		}
		log.debug("audit head {} posted to {}", head.sequence(), head.channel());
	}

	static String text(AuditHeadWitnessed head) {
		return "Audit chain head: entry " + head.sequence() + ", SHA-256 `" + head.hash() + "` (" + head.occurredAt()
				+ "). Keep this message: it lets a later rewrite of the audit table be detected.";
	}

}
