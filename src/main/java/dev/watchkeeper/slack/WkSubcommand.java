package dev.watchkeeper.slack;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;

/**
 * One {@code /wk <name> ...} sub-command. Each feature contributes its own bean; the
 * router dispatches on the first word and lists every sub-command in {@code /wk help}.
 * Handlers must ack within Slack's 3 seconds: do slow work after acking (respond later
 * through {@code ctx.respond} or the outbox).
 */
public interface WkSubcommand {

	/** First word after {@code /wk}, e.g. {@code incidents}. */
	String name();

	/** How to call it, e.g. {@code /wk runbook <query>}. */
	String usage();

	/** What it does, one short line for {@code /wk help}. */
	String description();

	Response handle(String arguments, SlashCommandRequest request, SlashCommandContext context) throws Exception;

}
