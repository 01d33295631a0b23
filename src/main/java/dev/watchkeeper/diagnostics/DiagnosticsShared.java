package dev.watchkeeper.diagnostics;

import dev.watchkeeper.core.AuditableEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A share's ciphertext is stored and its link works. Never carries content, keys or file
 * names.
 *
 * @param actor Slack user id of the creator, or {@code anonymous} for the web page and
 * the CLI
 * @param via {@code browser}, {@code cli} or {@code slack}
 * @param size ciphertext bytes
 */
public record DiagnosticsShared(UUID eventId, Instant occurredAt, ShareId shareId, String actor, String via, int views,
		Instant expiresAt, boolean passphrase, long size, String incidentId) implements AuditableEvent {

	@Override
	public String action() {
		return "diagnostics.shared";
	}

	@Override
	public String subject() {
		return shareId.value();
	}

	@Override
	public String outcome() {
		return "ok";
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("via", via);
		details.put("views", Integer.toString(views));
		details.put("expiresAt", expiresAt.toString());
		details.put("passphrase", Boolean.toString(passphrase));
		details.put("ciphertextBytes", Long.toString(size));
		return details;
	}
}
