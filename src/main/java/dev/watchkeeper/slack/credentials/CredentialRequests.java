package dev.watchkeeper.slack.credentials;

import com.slack.api.Slack;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.Responder;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.approvals.Conversation;
import dev.watchkeeper.approvals.RequestResult;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.credentials.CredentialAction;
import dev.watchkeeper.credentials.VaultProperties;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Turns a {@code /wk revoke} or {@code /wk rotate} command into an approval request. The
 * syntax is checked before the ack; the request (whose preview asks Vault) is made after
 * it, because Slack gives up after 3 s, and the answer comes back through the command's
 * {@code response_url}. The approval message with Vault's preview is posted in the
 * channel by the approvals module.
 */
@Component
class CredentialRequests implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(CredentialRequests.class);

	/**
	 * {@code --} or an em dash standing alone: what follows is the reason (lease ids may
	 * contain dashes).
	 */
	private static final Pattern REASON = Pattern.compile("(?:^|\\s)(?:--|—)(?:\\s|$)");

	private final Approvals approvals;

	private final VaultProperties vault;

	private final Slack slack;

	private final ThreadPoolExecutor pool;

	CredentialRequests(Approvals approvals, VaultProperties vault, Slack slack) {
		this.approvals = approvals;
		this.vault = vault;
		this.slack = slack;
		AtomicInteger threads = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(100), r -> {
			Thread thread = new Thread(r, "wk-credential-request-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}, new ThreadPoolExecutor.CallerRunsPolicy());
		this.pool.allowCoreThreadTimeOut(true);
	}

	/**
	 * Validates {@code rawValue} for {@code action} (a {@link IllegalArgumentException}
	 * is shown with the usage), acks, and requests the action in the background.
	 */
	Response request(CredentialAction action, String rawValue, String reason, SlashCommandRequest request,
			SlashCommandContext context) {
		String value = action.validate(rawValue);
		if (!vault.enabled()) {
			return context.ack(":warning: Vault is not configured in this Watchkeeper, so nothing can be revoked: set "
					+ "`VAULT_ADDR` and a login (`VAULT_TOKEN`, AppRole or Kubernetes auth).");
		}
		SlashCommandPayload payload = request.getPayload();
		SlackUserId requester = new SlackUserId(payload.getUserId());
		Conversation conversation = conversationOf(payload.getChannelId());
		String responseUrl = payload.getResponseUrl();
		pool.execute(() -> {
			String answer;
			try {
				answer = answer(approvals.request(action.typeId(), Map.of(action.parameter(), value), requester, null,
						reason, conversation));
			}
			catch (RuntimeException ex) {
				log.error("{} requested by {} could not be recorded", action.typeId(), requester, ex);
				answer = ":x: The request could not be recorded; nothing was requested. Try again in a moment.";
			}
			if (responseUrl != null) {
				respond(responseUrl, answer);
			}
		});
		return context.ack(":hourglass_flowing_sand: Asking Vault about this " + action.noun() + "…");
	}

	private static String answer(RequestResult result) {
		if (result instanceof RequestResult.Refused refused) {
			return ":no_entry_sign: Not requested: " + escape(refused.reason());
		}
		ActionRequest request = ((RequestResult.Created) result).request();
		return ":raised_hand: Requested `" + request.actionType() + "` (request `" + request.id().shortForm()
				+ "`). The approval message with Vault's preview is in this channel; it needs "
				+ (request.approvalsRequired() == 1 ? "one approver" : "two distinct approvers")
				+ " other than you. The result, verified in Vault, will be posted there.";
	}

	private void respond(String responseUrl, String text) {
		try {
			new Responder(slack, responseUrl)
				.send(SlashCommandResponse.builder().responseType("ephemeral").text(text).build());
		}
		catch (IOException ex) {
			log.warn("could not answer a /wk credential command: {}", ex.getMessage());
		}
	}

	/**
	 * Slack mrkdwn control characters; mentions in a Vault error message must not ping
	 * anyone.
	 */
	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * Splits {@code words -- reason} (an em dash counts, as some clients turn {@code --}
	 * into one).
	 */
	static String[] splitReason(String arguments) {
		String text = arguments == null ? "" : arguments.strip();
		Matcher separator = REASON.matcher(text);
		if (!separator.find()) {
			return new String[] { text, "" };
		}
		return new String[] { text.substring(0, separator.start()).strip(), text.substring(separator.end()).strip() };
	}

	private static @Nullable Conversation conversationOf(@Nullable String channelId) {
		try {
			return channelId == null ? null : Conversation.channel(channelId);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@Override
	public void destroy() {
		pool.shutdown();
	}

}
