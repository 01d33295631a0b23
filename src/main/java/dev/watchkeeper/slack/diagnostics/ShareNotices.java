package dev.watchkeeper.slack.diagnostics;

import com.slack.api.bolt.App;
import dev.watchkeeper.diagnostics.Diagnostics;
import dev.watchkeeper.diagnostics.DiagnosticsExpired;
import dev.watchkeeper.diagnostics.DiagnosticsRevealRefused;
import dev.watchkeeper.diagnostics.DiagnosticsRevealed;
import dev.watchkeeper.diagnostics.DiagnosticsRevoked;
import dev.watchkeeper.diagnostics.ShareId;
import dev.watchkeeper.diagnostics.ShareState;
import dev.watchkeeper.diagnostics.ShareSummary;
import dev.watchkeeper.slack.SlackProperties;
import dev.watchkeeper.slack.diagnostics.ShareCardRepository.ShareCard;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each share's Slack card true and tells its thread what happened: every reveal
 * (who, when, views left), each refused attempt (the first few; the rest only in the
 * audit log), revocation and expiry. When the share ends, the link message is replaced so
 * the dead link leaves the channel. Runs after the commit, asynchronously; a failed Slack
 * call leaves the event publication incomplete so it is retried.
 */
@Component
class ShareNotices {

	static final int REFUSED_NOTICES = 5;

	private static final Logger log = LoggerFactory.getLogger(ShareNotices.class);

	private final App app;

	private final Diagnostics diagnostics;

	private final ShareCardRepository cards;

	private final SlackProperties properties;

	ShareNotices(App app, Diagnostics diagnostics, ShareCardRepository cards, SlackProperties properties) {
		this.app = app;
		this.diagnostics = diagnostics;
		this.cards = cards;
		this.properties = properties;
	}

	@ApplicationModuleListener
	void on(DiagnosticsRevealed event) throws Exception {
		Optional<ShareCard> card = card(event.shareId());
		if (card.isEmpty()) {
			return;
		}
		post(card.get(),
				ShareMessages.revealedNotice(event.actor(), event.client(), event.occurredAt(), event.viewsLeft()));
		Optional<ShareSummary> share = diagnostics.summary(event.shareId());
		if (share.isPresent()) {
			updateCard(card.get(), share.get());
			if (!share.get().state().live()) {
				end(card.get(), share.get().state());
			}
		}
	}

	@ApplicationModuleListener
	void on(DiagnosticsRevealRefused event) throws Exception {
		Optional<ShareCard> card = card(event.shareId());
		if (card.isEmpty()) {
			return;
		}
		int before = cards.countRefusedNotice(event.shareId());
		if (before < REFUSED_NOTICES) {
			post(card.get(),
					ShareMessages.refusedNotice(event.actor(), event.reason().description(), event.occurredAt(),
							event.viewsLeft(),
							event.reason() == DiagnosticsRevealRefused.Reason.PASSPHRASE_ATTEMPTS_EXHAUSTED));
		}
		else if (before == REFUSED_NOTICES) {
			post(card.get(), ShareMessages.moreRefusalsNotice());
		}
		if (event.reason() == DiagnosticsRevealRefused.Reason.PASSPHRASE_ATTEMPTS_EXHAUSTED) {
			diagnostics.summary(event.shareId()).ifPresent(share -> {
				updateCard(card.get(), share);
				end(card.get(), ShareState.REVOKED);
			});
		}
	}

	@ApplicationModuleListener
	void on(DiagnosticsRevoked event) throws Exception {
		Optional<ShareCard> card = card(event.shareId());
		if (card.isEmpty()) {
			return;
		}
		String actor = ShareMessages.mention(event.actor()).orElse("someone holding the link");
		post(card.get(), ShareMessages.revokedNotice(actor, event.occurredAt()));
		diagnostics.summary(event.shareId()).ifPresent(share -> updateCard(card.get(), share));
		end(card.get(), ShareState.REVOKED);
	}

	@ApplicationModuleListener
	void on(DiagnosticsExpired event) throws Exception {
		Optional<ShareCard> card = card(event.shareId());
		if (card.isEmpty()) {
			return;
		}
		post(card.get(), ShareMessages.expiredNotice(event.occurredAt()));
		diagnostics.summary(event.shareId()).ifPresent(share -> updateCard(card.get(), share));
		end(card.get(), ShareState.EXPIRED);
	}

	private Optional<ShareCard> card(ShareId id) {
		return properties.webApiEnabled() ? cards.find(id) : Optional.empty();
	}

	private void post(ShareCard card, String text) throws IOException, com.slack.api.methods.SlackApiException {
		var response = app.client()
			.chatPostMessage(r -> r.channel(card.channel())
				.threadTs(card.threadTs())
				.text(text)
				.unfurlLinks(false)
				.unfurlMedia(false));
		if (!response.isOk()) {
			throw new IllegalStateException(
					"Slack refused the notice for share " + card.shareId() + ": " + response.getError());
		}
	}

	private void updateCard(ShareCard card, ShareSummary share) {
		try {
			var response = app.client()
				.chatUpdate(r -> r.channel(card.channel())
					.ts(card.cardTs())
					.text(ShareMessages.cardFallback(share, diagnostics.audienceEnforced()))
					.blocksAsString(ShareMessages.card(share, diagnostics.audienceEnforced())));
			if (!response.isOk()) {
				log.warn("could not update the card of share {}: {}", share.id(), response.getError());
			}
		}
		catch (Exception ex) {
			log.warn("could not update the card of share {}: {}", share.id(), ex.getMessage());
		}
	}

	/**
	 * Replaces the link message and forgets the card: nothing more will happen to this
	 * share.
	 */
	private void end(ShareCard card, ShareState state) {
		if (card.linkTs() != null) {
			try {
				var response = app.client()
					.chatUpdate(r -> r.channel(card.channel()).ts(card.linkTs()).text(ShareMessages.deadLink(state)));
				if (!response.isOk()) {
					log.warn("could not replace the link of share {}: {}", card.shareId(), response.getError());
				}
			}
			catch (Exception ex) {
				log.warn("could not replace the link of share {}: {}", card.shareId(), ex.getMessage());
			}
		}
		cards.delete(card.shareId());
	}

}
