package dev.watchkeeper.slack.credentials;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.watchkeeper.credentials.CredentialAction;
import dev.watchkeeper.slack.WkSubcommand;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code /wk revoke lease|prefix|accessor <id> [-- reason]}: requests a Vault revocation
 * behind the approval gate.
 */
@Component
class RevokeSubcommand implements WkSubcommand {

	private final CredentialRequests requests;

	RevokeSubcommand(CredentialRequests requests) {
		this.requests = requests;
	}

	@Override
	public String name() {
		return "revoke";
	}

	@Override
	public String usage() {
		return "/wk revoke lease|prefix|accessor <id> [-- reason]";
	}

	@Override
	public String description() {
		return "revoke a Vault lease, every lease under a prefix, or a token by accessor (after approval)";
	}

	@Override
	public Response handle(String arguments, SlashCommandRequest request, SlashCommandContext context) {
		String[] words = CredentialRequests.splitReason(arguments);
		String[] parts = words[0].split("\\s+", 2);
		if (parts.length < 2 || parts[1].isBlank()) {
			throw new IllegalArgumentException("say what to revoke and its id");
		}
		CredentialAction action = switch (parts[0].toLowerCase(Locale.ROOT)) {
			case "lease" -> CredentialAction.REVOKE_LEASE;
			case "prefix" -> CredentialAction.REVOKE_PREFIX;
			case "accessor", "token-accessor" -> CredentialAction.REVOKE_TOKEN_ACCESSOR;
			default -> throw new IllegalArgumentException(
					"'" + CredentialRequests.escape(parts[0]) + "' cannot be revoked; use lease, prefix or accessor");
		};
		if (parts[1].strip().contains(" ")) {
			throw new IllegalArgumentException("one " + action.noun() + " per request");
		}
		return requests.request(action, parts[1], words[1], request, context);
	}

}
