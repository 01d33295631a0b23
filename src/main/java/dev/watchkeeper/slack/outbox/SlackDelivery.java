package dev.watchkeeper.slack.outbox;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.Message;
import dev.watchkeeper.slack.SlackProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The outbox's Slack Web API calls, through the application's {@link Slack} client and
 * bot token, with Slack's answers sorted into what the worker must do next. Every post
 * carries message metadata naming its outbox entry, so after a crash the worker can find
 * out whether the post had already happened.
 */
@Component
class SlackDelivery {

	static final String METADATA_TYPE = "watchkeeper_outbox";

	/**
	 * How far back the channel (or thread) is searched for an entry posted just before a
	 * crash.
	 */
	private static final int RECONCILE_LOOKBACK_MESSAGES = 200;

	private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

	/**
	 * Nothing will change until someone fixes the channel or the message: park the entry.
	 */
	private static final Set<String> PERMANENT = Set.of("channel_not_found", "not_in_channel", "is_archived",
			"channel_is_archived", "restricted_action", "restricted_action_read_only_channel",
			"restricted_action_thread_only_channel", "restricted_action_non_threadable_channel", "invalid_blocks",
			"invalid_blocks_format", "msg_too_long", "msg_blocks_too_long", "no_text", "too_many_attachments",
			"invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large", "cant_update_message",
			"edit_window_closed", "invalid_arguments", "thread_not_found", "cannot_reply_to_message");

	/**
	 * The token is wrong or lacks a scope: retry slowly forever, so nothing is lost while
	 * an operator fixes it.
	 */
	private static final Set<String> AUTHENTICATION = Set.of("not_authed", "invalid_auth", "account_inactive",
			"token_revoked", "token_expired", "no_permission", "missing_scope", "not_allowed_token_type",
			"team_access_not_granted", "ekm_access_denied", "org_login_required");

	private static final Set<String> RATE_LIMITED = Set.of("ratelimited", "rate_limited", "message_limit_exceeded");

	private final Slack slack;

	private final SlackProperties properties;

	SlackDelivery(Slack slack, SlackProperties properties) {
		this.slack = slack;
		this.properties = properties;
	}

	boolean enabled() {
		return properties.webApiEnabled();
	}

	/** What the worker does next. */
	enum Failure {

		/**
		 * HTTP 429 or {@code ratelimited}: pause the channel for {@code retryAfter},
		 * retry in order.
		 */
		RATE_LIMITED,

		/** Park the entry: it cannot succeed as it is. */
		PERMANENT,

		/** The token is broken: retry with the longest backoff, never park. */
		AUTHENTICATION,

		/** The message to edit is gone: post it again. */
		MESSAGE_GONE,

		/** Network or Slack trouble: retry with backoff, park after too many attempts. */
		TRANSIENT

	}

	/** Slack's answer to one call. */
	sealed interface Result permits Done, Failed {

	}

	record Done(String ts) implements Result {
	}

	record Failed(Failure failure, String error, Duration retryAfter) implements Result {
	}

	Result post(String channel, @Nullable String threadTs, boolean broadcast, String text,
			@Nullable SlackMessage message, @Nullable String blocksJson, long outboxId, String messageKey) {
		return call(() -> {
			ChatPostMessageResponse response = client().chatPostMessage(r -> {
				r.channel(channel)
					.text(text)
					.unfurlLinks(false)
					.unfurlMedia(false)
					.linkNames(false)
					.metadata(new Message.Metadata(METADATA_TYPE,
							Map.of("outbox_id", Long.toString(outboxId), "key", messageKey)));
				if (message != null) {
					r.blocks(message.blocks());
				}
				else if (blocksJson != null) {
					r.blocksAsString(blocksJson);
				}
				if (threadTs != null) {
					r.threadTs(threadTs).replyBroadcast(broadcast);
				}
				return r;
			});
			return response.isOk() ? new Done(response.getTs()) : failed(response);
		});
	}

	Result update(String channel, String ts, SlackMessage message) {
		return call(() -> {
			ChatUpdateResponse response = client().chatUpdate(r -> r.channel(channel)
				.ts(ts)
				.text(message.text())
				.blocks(message.blocks())
				.linkNames(false)
				.parse("none"));
			return response.isOk() ? new Done(ts) : failed(response);
		});
	}

	Optional<String> permalink(String channel, String ts) {
		try {
			ChatGetPermalinkResponse response = client().chatGetPermalink(r -> r.channel(channel).messageTs(ts));
			return response.isOk() ? Optional.ofNullable(response.getPermalink()) : Optional.empty();
		}
		catch (IOException | SlackApiException ex) {
			return Optional.empty();
		}
	}

	/** The outcome of looking for an entry's message after a crash. */
	sealed interface Lookup permits Found, NotFound, Unknown {

	}

	record Found(String ts) implements Lookup {
	}

	record NotFound() implements Lookup {
	}

	record Unknown(String error) implements Lookup {
	}

	/**
	 * Looks for the message of outbox entry {@code outboxId} among the latest messages of
	 * the channel (or of the thread {@code threadTs}), by its metadata. Needs the
	 * {@code channels:history} / {@code groups:history} scopes.
	 */
	Lookup findPosted(String channel, @Nullable String threadTs, long outboxId) {
		try {
			List<Message> messages;
			String error;
			if (threadTs == null) {
				var response = client().conversationsHistory(
						r -> r.channel(channel).limit(RECONCILE_LOOKBACK_MESSAGES).includeAllMetadata(true));
				messages = response.getMessages();
				error = response.isOk() ? null : response.getError();
			}
			else {
				var response = client().conversationsReplies(r -> r.channel(channel)
					.ts(threadTs)
					.limit(RECONCILE_LOOKBACK_MESSAGES)
					.includeAllMetadata(true));
				messages = response.getMessages();
				error = response.isOk() ? null : response.getError();
			}
			if (error != null) {
				return new Unknown(error);
			}
			String id = Long.toString(outboxId);
			for (Message message : messages == null ? List.<Message>of() : messages) {
				Message.Metadata metadata = message.getMetadata();
				if (metadata != null && METADATA_TYPE.equals(metadata.getEventType())
						&& metadata.getEventPayload() != null
						&& id.equals(String.valueOf(metadata.getEventPayload().get("outbox_id")))) {
					return new Found(message.getTs());
				}
			}
			return new NotFound();
		}
		catch (SlackApiException ex) {
			return new Unknown("HTTP " + ex.getResponse().code());
		}
		catch (IOException ex) {
			return new Unknown(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private MethodsClient client() {
		return slack.methods(properties.botToken().reveal());
	}

	private static Failed failed(SlackApiTextResponse response) {
		String error = response.getError() == null ? "unknown_error" : response.getError();
		if (PERMANENT.contains(error)) {
			return new Failed(Failure.PERMANENT, error, Duration.ZERO);
		}
		if (AUTHENTICATION.contains(error)) {
			return new Failed(Failure.AUTHENTICATION, error, Duration.ZERO);
		}
		if (RATE_LIMITED.contains(error)) {
			return new Failed(Failure.RATE_LIMITED, error, DEFAULT_RETRY_AFTER);
		}
		if (error.equals("message_not_found")) {
			return new Failed(Failure.MESSAGE_GONE, error, Duration.ZERO);
		}
		return new Failed(Failure.TRANSIENT, error, Duration.ZERO);
	}

	private Result call(SlackCall call) {
		try {
			return call.run();
		}
		catch (SlackApiException ex) {
			int status = ex.getResponse().code();
			if (status == 429) {
				return new Failed(Failure.RATE_LIMITED, "HTTP 429", retryAfter(ex.getResponse().header("Retry-After")));
			}
			return new Failed(Failure.TRANSIENT, "HTTP " + status, Duration.ZERO);
		}
		catch (IOException ex) {
			return new Failed(Failure.TRANSIENT, ex.getClass().getSimpleName() + ": " + ex.getMessage(), Duration.ZERO);
		}
	}

	private static Duration retryAfter(@Nullable String header) {
		if (header == null) {
			return DEFAULT_RETRY_AFTER;
		}
		try {
			return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
		}
		catch (NumberFormatException ex) {
			return DEFAULT_RETRY_AFTER;
		}
	}

	@FunctionalInterface
	private interface SlackCall {

		Result run() throws IOException, SlackApiException;

	}

}
