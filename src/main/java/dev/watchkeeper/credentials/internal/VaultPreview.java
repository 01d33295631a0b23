package dev.watchkeeper.credentials.internal;

import java.util.List;

/**
 * What an approver sees before approving: read-only facts from Vault about exactly what
 * will be revoked or rotated. Identifiers are shown in full here (approvers must know
 * what they approve); the audit trail gets them as HMACs.
 */
sealed interface VaultPreview permits LeasePreview, PrefixPreview, AccessorPreview, StaticRolePreview {

	/** One line: what will happen. */
	String title();

	/** The facts, one per line, plain text (the Slack module escapes). */
	List<String> facts();

	/** Title and facts as one text block. */
	default String text() {
		StringBuilder text = new StringBuilder(title());
		facts().forEach(f -> text.append("\n• ").append(f));
		return text.toString();
	}

}
