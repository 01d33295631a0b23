package dev.watchkeeper.diagnostics;

import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.diagnostics.internal.Shares;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What other modules may ask of diagnostics: share pasted text (encrypted here, in
 * memory), look at a share's summary, revoke it. The browser page and the CLI encrypt on
 * the client and use the HTTP API instead.
 */
@Service
public class Diagnostics {

	private final Shares shares;

	private final DiagnosticsProperties properties;

	Diagnostics(Shares shares, DiagnosticsProperties properties) {
		this.shares = shares;
		this.properties = properties;
	}

	/**
	 * Encrypts {@code text} on the server, stores only the ciphertext and forgets the
	 * text and the link key; the key exists afterwards only in the returned link.
	 * @param ttl between 5 minutes and 7 days
	 * @param views between 1 and 10
	 * @param incidentId the incident the share belongs to, or empty
	 * @param audience who may reveal it when Sign in with Slack is configured; the
	 * creator always may
	 */
	public ShareLink shareText(String text, Duration ttl, int views, SlackUserId creator, String incidentId,
			ShareAudience audience) {
		if (text.isBlank()) {
			throw new IllegalArgumentException("there is nothing to share");
		}
		return shares.shareText(text, DiagnosticsProperties.checkTtl(ttl), DiagnosticsProperties.checkViews(views),
				creator.value(), incidentId, audience);
	}

	public Optional<ShareSummary> summary(ShareId id) {
		return shares.summary(id);
	}

	/**
	 * Revokes a live share: deletes its server half and ciphertext. The caller decides
	 * who may (the Slack module allows the creator and incident commanders).
	 * @return false when the share had already ended
	 */
	public boolean revoke(ShareId id, SlackUserId actor) {
		return shares.revoke(id, actor.value());
	}

	/**
	 * True when a reveal needs a signed-in member of the share's audience (Sign in with
	 * Slack is configured).
	 */
	public boolean audienceEnforced() {
		return shares.audienceEnforced();
	}

	/** Default lifetime and views for a new share. */
	public DiagnosticsProperties settings() {
		return properties;
	}

}
