package dev.watchkeeper.slack.internal;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.watchkeeper.slack.SlackListeners;
import dev.watchkeeper.slack.WkSubcommand;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Dispatches {@code /wk <sub-command> ...} to the matching {@link WkSubcommand}; answers
 * {@code help} itself.
 */
@Component
class WkCommandRouter implements SlackListeners {

	static final String COMMAND = "/wk";

	private static final Logger log = LoggerFactory.getLogger(WkCommandRouter.class);

	private final Map<String, WkSubcommand> subcommands = new LinkedHashMap<>();

	WkCommandRouter(List<WkSubcommand> subcommands) {
		subcommands.stream()
			.sorted(Comparator.comparing(WkSubcommand::name))
			.forEach(s -> this.subcommands.put(s.name(), s));
	}

	@Override
	public void register(App app) {
		app.command(COMMAND, this::handle);
	}

	Response handle(SlashCommandRequest request, SlashCommandContext context)
			throws java.io.IOException, com.slack.api.methods.SlackApiException {
		String text = request.getPayload().getText() == null ? "" : request.getPayload().getText().strip();
		String[] words = text.split("\\s+", 2);
		String name = words[0].toLowerCase(Locale.ROOT);
		String arguments = words.length > 1 ? words[1] : "";
		if (name.isEmpty() || name.equals("help")) {
			return context.ack(help());
		}
		WkSubcommand subcommand = subcommands.get(name);
		if (subcommand == null) {
			return context.ack("Unknown command `" + SlackText.escape(name) + "`.\n" + help());
		}
		try {
			return subcommand.handle(arguments, request, context);
		}
		catch (java.io.IOException | com.slack.api.methods.SlackApiException ex) {
			throw ex;
		}
		catch (IllegalArgumentException ex) {
			return context.ack(":warning: " + SlackText.escape(String.valueOf(ex.getMessage())) + "\nUsage: `"
					+ subcommand.usage() + "`");
		}
		catch (Exception ex) {
			log.error("/wk {} failed", name, ex);
			return context.ack(":x: `/wk " + name + "` failed; the error is in Watchkeeper's log.");
		}
	}

	String help() {
		StringBuilder text = new StringBuilder("*Watchkeeper commands*\n");
		text.append("• `/wk help` — this list\n");
		subcommands.values()
			.forEach(s -> text.append("• `").append(s.usage()).append("` — ").append(s.description()).append('\n'));
		return text.toString().stripTrailing();
	}

}
