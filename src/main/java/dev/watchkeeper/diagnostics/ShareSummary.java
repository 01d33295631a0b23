package dev.watchkeeper.diagnostics;

import java.time.Instant;

/**
 * What may be shown about a share to its creator (the Slack card): never its keys or
 * content.
 *
 * @param createdBy Slack user id of the creator, or {@code anonymous}
 * @param incidentId the incident it belongs to, or empty
 * @param audience who may reveal it when Sign in with Slack is configured
 */
public record ShareSummary(ShareId id, ShareState state, int viewsLeft, int maxViews, Instant expiresAt,
		String createdBy, String incidentId, ShareAudience audience) {
}
