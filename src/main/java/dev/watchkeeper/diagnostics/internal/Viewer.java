package dev.watchkeeper.diagnostics.internal;

import org.jspecify.annotations.Nullable;

/**
 * A person signed in with Slack, as the OIDC ID token names them.
 *
 * @param userId Slack user id ({@code https://slack.com/user_id}, else {@code sub})
 * @param teamId Slack team id ({@code https://slack.com/team_id}); null when the provider
 * did not say, which no audience accepts
 * @param name display name for notices and the page
 */
record Viewer(String userId, @Nullable String teamId, String name) {
}
