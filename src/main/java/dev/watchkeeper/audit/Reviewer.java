package dev.watchkeeper.audit;

/**
 * Who reads the audit trail: recorded as the actor of the {@code audit.exported} and
 * {@code audit.verified} entries.
 *
 * @param id OIDC subject or Slack user id, {@code reviewer-token}, or
 * {@code cli:<os user>}
 * @param name display name or e-mail when known
 * @param via how they authenticated: {@code oidc}, {@code token} or {@code cli}
 */
public record Reviewer(String id, String name, String via) {
}
