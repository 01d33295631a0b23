package dev.watchkeeper.slack.approvals;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.slack.SlackProperties;
import dev.watchkeeper.slack.incidents.IncidentMessageKey;
import dev.watchkeeper.slack.outbox.PostedMessage;
import dev.watchkeeper.slack.outbox.SlackOutbox;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The permalink of the incident thread a request was made in, shown on its approval
 * message. Taken from the outbox's record of the incident message when the thread is that
 * message, else asked of Slack ({@code chat.getPermalink}, a read that the per-channel
 * write pace does not cover) when the message is rendered, and remembered, so the edits
 * that follow do not ask again; a link that cannot be had now is simply left off and
 * tried at the next rendering.
 */
@Component
class IncidentThreadLinks {

	private static final Logger log = LoggerFactory.getLogger(IncidentThreadLinks.class);

	private static final int REMEMBERED = 2_000;

	private final Slack slack;

	private final SlackProperties properties;

	private final ApprovalMessageStore legacy;

	private final Map<String, String> links = new LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > REMEMBERED;
		}
	};

	private final SlackOutbox outbox;

	IncidentThreadLinks(Slack slack, SlackProperties properties, ApprovalMessageStore legacy, SlackOutbox outbox) {
		this.slack = slack;
		this.outbox = outbox;
		this.properties = properties;
		this.legacy = legacy;
	}

	@Nullable String of(ActionRequest request) {
		Conversation conversation = request.conversation();
		if (conversation == null || conversation.threadTs() == null) {
			return null;
		}
		String key = conversation.channelId() + "/" + conversation.threadTs();
		synchronized (links) {
			String known = links.get(key);
			if (known != null) {
				return known;
			}
		}
		String link = legacy.find(request.id().value())
			.map(ApprovalMessageStore.Location::incidentPermalink)
			.or(() -> posted(request.incidentId(), conversation))
			.or(() -> ask(conversation.channelId(), conversation.threadTs()))
			.orElse(null);
		if (link != null) {
			synchronized (links) {
				links.put(key, link);
			}
		}
		return link;
	}

	/**
	 * The link the outbox recorded when it posted the incident message, when the thread
	 * is that message: no Slack call, and the same on every replica.
	 */
	private Optional<String> posted(@Nullable IncidentId incident, Conversation conversation) {
		if (incident == null) {
			return Optional.empty();
		}
		return outbox.message(IncidentMessageKey.of(incident))
			.filter(message -> message.channel().equals(conversation.channelId())
					&& message.ts().equals(conversation.threadTs()))
			.map(PostedMessage::permalink);
	}

	private Optional<String> ask(String channel, String ts) {
		if (properties.botToken() == null) {
			return Optional.empty();
		}
		try {
			ChatGetPermalinkResponse response = slack.methods(properties.botToken().reveal())
				.chatGetPermalink(r -> r.channel(channel).messageTs(ts));
			if (!response.isOk()) {
				log.warn("chat.getPermalink answered {} for the incident thread {}", response.getError(), ts);
			}
			return response.isOk() ? Optional.ofNullable(response.getPermalink()) : Optional.empty();
		}
		catch (IOException | SlackApiException ex) {
			log.warn("no permalink for the incident thread {} yet: {}", ts, ex.getMessage());
			return Optional.empty();
		}
	}

}
