package dev.watchkeeper.slack.diagnostics;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.view.ViewState;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.diagnostics.Diagnostics;
import dev.watchkeeper.diagnostics.DiagnosticsProperties;
import dev.watchkeeper.diagnostics.ShareAudience;
import dev.watchkeeper.diagnostics.ShareId;
import dev.watchkeeper.diagnostics.ShareLink;
import dev.watchkeeper.diagnostics.ShareSummary;
import dev.watchkeeper.slack.SlackListeners;
import dev.watchkeeper.slack.diagnostics.ShareCardRepository.ShareCard;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The share modal's submission, the "Share diagnostics" message shortcut (started from a
 * message in an incident thread, so the card goes into that thread) and the Revoke
 * button.
 */
@Component
class DiagnosticsSlackListeners implements SlackListeners {

	private static final Logger log = LoggerFactory.getLogger(DiagnosticsSlackListeners.class);

	private final Diagnostics diagnostics;

	private final ShareCardRepository cards;

	private final ShareRevokePolicy revokePolicy;

	private final Clock clock;

	DiagnosticsSlackListeners(Diagnostics diagnostics, ShareCardRepository cards, ShareRevokePolicy revokePolicy,
			Clock clock) {
		this.diagnostics = diagnostics;
		this.cards = cards;
		this.revokePolicy = revokePolicy;
		this.clock = clock;
	}

	@Override
	public void register(App app) {
		app.messageShortcut(ShareMessages.SHARE_CALLBACK, this::shortcut);
		app.viewSubmission(ShareMessages.SHARE_CALLBACK, this::submit);
		app.blockAction(ShareMessages.REVOKE_ACTION, this::revoke);
	}

	Response shortcut(MessageShortcutRequest request, MessageShortcutContext context)
			throws IOException, SlackApiException {
		var payload = request.getPayload();
		String thread = payload.getMessage().getThreadTs() != null ? payload.getMessage().getThreadTs()
				: payload.getMessage().getTs();
		ShareOrigin origin = ShareOrigin.of(payload.getChannel().getId(), thread, "");
		DiagnosticsProperties settings = diagnostics.settings();
		var opened = context.client()
			.viewsOpen(r -> r.triggerId(payload.getTriggerId())
				.viewAsString(ShareMessages.modal(origin, settings.defaultTtl(), settings.defaultViews(),
						DiagnosticsProperties.MAX_VIEWS, diagnostics.audienceEnforced())));
		if (!opened.isOk()) {
			log.warn("could not open the share modal: {}", opened.getError());
		}
		return context.ack();
	}

	/**
	 * Encrypts the pasted text (in {@link Diagnostics#shareText}), posts the card and, in
	 * its thread, the link with unfurling off. If Slack refuses either post the share is
	 * revoked at once and the modal says why. The audience is the people picked in the
	 * modal plus the creator, or, with nobody picked, the members of the channel the card
	 * goes to.
	 */
	Response submit(ViewSubmissionRequest request, ViewSubmissionContext context)
			throws IOException, SlackApiException {
		var payload = request.getPayload();
		SlackUserId user = new SlackUserId(payload.getUser().getId());
		Map<String, Map<String, ViewState.Value>> values = payload.getView().getState().getValues();
		String text = value(values, "text").map(ViewState.Value::getValue).orElse("");
		if (text.isBlank()) {
			return context.ack(r -> r.responseAction("errors").errors(Map.of("text", "Paste something to share.")));
		}
		Duration ttl = Duration.ofSeconds(Long.parseLong(selected(values, "ttl", "86400")));
		int views = Integer.parseInt(selected(values, "views", "1"));
		ShareOrigin origin = ShareOrigin.fromJson(payload.getView().getPrivateMetadata());
		ShareAudience audience;
		try {
			audience = audience(value(values, ShareMessages.AUDIENCE_FIELD), origin, user);
		}
		catch (IllegalArgumentException ex) {
			return context.ack(r -> r.responseAction("errors")
				.errors(Map.of(ShareMessages.AUDIENCE_FIELD, ex.getMessage() + ". Nothing was shared.")));
		}
		ShareLink link = diagnostics.shareText(text, DiagnosticsProperties.checkTtl(ttl),
				DiagnosticsProperties.checkViews(views), user, origin.incidentId(), audience);
		ShareSummary summary = diagnostics.summary(link.id()).orElseThrow();
		boolean enforced = diagnostics.audienceEnforced();
		MethodsClient slack = context.client();
		ChatPostMessageResponse card = slack.chatPostMessage(r -> r.channel(origin.channel())
			.threadTs(origin.threadTs().isEmpty() ? null : origin.threadTs())
			.text(ShareMessages.cardFallback(summary, enforced))
			.blocksAsString(ShareMessages.card(summary, enforced))
			.unfurlLinks(false)
			.unfurlMedia(false));
		if (!card.isOk()) {
			return notPosted(link.id(), user, card.getError(), context);
		}
		String thread = origin.threadTs().isEmpty() ? card.getTs() : origin.threadTs();
		cards.insert(new ShareCard(link.id(), origin.channel(), card.getTs(), thread, null, user.value(),
				origin.incidentId(), 0), clock.instant());
		ChatPostMessageResponse linkMessage = slack.chatPostMessage(r -> r.channel(origin.channel())
			.threadTs(thread)
			.text(ShareMessages.link(link.url(), link.views()))
			.unfurlLinks(false)
			.unfurlMedia(false));
		if (!linkMessage.isOk()) {
			return notPosted(link.id(), user, linkMessage.getError(), context);
		}
		cards.linkPosted(link.id(), linkMessage.getTs());
		return context.ack();
	}

	private static ShareAudience audience(Optional<ViewState.Value> picked, ShareOrigin origin, SlackUserId creator) {
		List<String> users = picked.map(ViewState.Value::getSelectedUsers).orElse(List.of());
		if (users.isEmpty()) {
			return ShareAudience.channel(origin.channel());
		}
		// the picker allows MAX_USERS - 1, so the creator always fits; a longer list was
		// not sent by Slack's picker
		return ShareAudience.users(users).including(creator.value());
	}

	private Response notPosted(ShareId id, SlackUserId user, String error, ViewSubmissionContext context) {
		diagnostics.revoke(id, user);
		log.warn("share {} revoked: Slack refused to post it ({})", id, error);
		String why = "not_in_channel".equals(error) || "channel_not_found".equals(error)
				? "Watchkeeper cannot post in this channel: invite it with /invite @watchkeeper."
				: "Slack refused the message (" + error + ").";
		return context.ack(r -> r.responseAction("errors").errors(Map.of("text", why + " Nothing was shared.")));
	}

	/**
	 * Revoke: the creator or an incident commander; anyone else is told so, privately.
	 */
	Response revoke(BlockActionRequest request, ActionContext context) throws IOException, SlackApiException {
		var payload = request.getPayload();
		String user = payload.getUser().getId();
		String channel = payload.getChannel() != null ? payload.getChannel().getId() : null;
		ShareId id;
		try {
			id = new ShareId(payload.getActions().get(0).getValue());
		}
		catch (IllegalArgumentException ex) {
			return context.ack();
		}
		Optional<ShareSummary> summary = diagnostics.summary(id);
		String creator = cards.find(id).map(ShareCard::creator).orElse(summary.map(ShareSummary::createdBy).orElse(""));
		if (!revokePolicy.mayRevoke(user, creator, context.client())) {
			ephemeral(context.client(), channel, user,
					"Only the person who shared these diagnostics, or an incident commander, can revoke them.");
			return context.ack();
		}
		if (!diagnostics.revoke(id, new SlackUserId(user))) {
			ephemeral(context.client(), channel, user, "This share has already ended.");
		}
		return context.ack();
	}

	private static void ephemeral(MethodsClient slack, String channel, String user, String text) {
		if (channel == null) {
			return;
		}
		try {
			slack.chatPostEphemeral(r -> r.channel(channel).user(user).text(text));
		}
		catch (Exception ex) {
			log.warn("could not answer {} privately: {}", user, ex.getMessage());
		}
	}

	private static Optional<ViewState.Value> value(Map<String, Map<String, ViewState.Value>> values, String block) {
		return Optional.ofNullable(values.get(block)).map(actions -> actions.get(block));
	}

	private static String selected(Map<String, Map<String, ViewState.Value>> values, String block, String fallback) {
		return value(values, block).map(ViewState.Value::getSelectedOption)
			.map(ViewState.SelectedOption::getValue)
			.orElse(fallback);
	}

}
