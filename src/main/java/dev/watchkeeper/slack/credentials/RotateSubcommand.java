package dev.watchkeeper.slack.credentials;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.watchkeeper.credentials.CredentialAction;
import dev.watchkeeper.slack.WkSubcommand;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code /wk rotate db-role <name> [-- reason]}: requests a database static role rotation
 * behind the approval gate.
 */
@Component
class RotateSubcommand implements WkSubcommand {

	private final CredentialRequests requests;

	RotateSubcommand(CredentialRequests requests) {
		this.requests = requests;
	}

	@Override
	public String name() {
		return "rotate";
	}

	@Override
	public String usage() {
		return "/wk rotate db-role <name> [-- reason]";
	}

	@Override
	public String description() {
		return "rotate a Vault database static role's password now (after approval)";
	}

	@Override
	public Response handle(String arguments, SlashCommandRequest request, SlashCommandContext context) {
		String[] words = CredentialRequests.splitReason(arguments);
		String[] parts = words[0].split("\\s+", 2);
		if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("db-role") || parts[1].isBlank()) {
			throw new IllegalArgumentException("name the database static role: db-role <name>");
		}
		if (parts[1].strip().contains(" ")) {
			throw new IllegalArgumentException("one database static role per request");
		}
		return requests.request(CredentialAction.ROTATE_DATABASE_ROLE, parts[1], words[1], request, context);
	}

}
