package dev.watchkeeper.slack.diagnostics;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.diagnostics.Diagnostics;
import dev.watchkeeper.diagnostics.DiagnosticsProperties;
import dev.watchkeeper.slack.WkSubcommand;
import org.springframework.stereotype.Component;

/**
 * {@code /wk share [incident-id]}: opens the modal for pasted text (the trigger id is
 * valid for 3 seconds).
 */
@Component
class ShareSubcommand implements WkSubcommand {

	private final Diagnostics diagnostics;

	ShareSubcommand(Diagnostics diagnostics) {
		this.diagnostics = diagnostics;
	}

	@Override
	public String name() {
		return "share";
	}

	@Override
	public String usage() {
		return "/wk share [incident-id]";
	}

	@Override
	public String description() {
		return "share pasted text through an expiring encrypted link that previews cannot burn";
	}

	@Override
	public Response handle(String arguments, SlashCommandRequest request, SlashCommandContext context)
			throws Exception {
		String incident = "";
		if (!arguments.isBlank()) {
			try {
				incident = IncidentId.parse(arguments.strip()).toString();
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("that is not an incident id");
			}
		}
		ShareOrigin origin = ShareOrigin.of(request.getPayload().getChannelId(), "", incident);
		DiagnosticsProperties settings = diagnostics.settings();
		ViewsOpenResponse opened = context.client()
			.viewsOpen(r -> r.triggerId(request.getPayload().getTriggerId())
				.viewAsString(ShareMessages.modal(origin, settings.defaultTtl(), settings.defaultViews(),
						DiagnosticsProperties.MAX_VIEWS, diagnostics.audienceEnforced())));
		if (!opened.isOk()) {
			return context.ack(":x: Could not open the share dialog (Slack said `" + opened.getError() + "`).");
		}
		return context.ack();
	}

}
