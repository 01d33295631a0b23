package dev.watchkeeper.slack.runbooks;

import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.runbooks.RenderedAction;
import dev.watchkeeper.runbooks.RenderedStep;
import dev.watchkeeper.runbooks.Suggestion;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The thread reply listing suggested runbooks, as pure functions: Block Kit within
 * Slack's limits (50 blocks, 3,000 characters per section), a "Run" button on each step
 * whose action is ready, and the {@code /wk run} command for a step that still needs
 * input.
 */
final class SuggestionBlocks {

	/** Action id of the "Run" button. */
	static final String RUN = "runbook:run";

	static final int MAX_BLOCKS = 50;

	static final int SECTION_TEXT = 3_000;

	/**
	 * Steps shown per runbook at most; the rest is "and K more steps": a thread reply is
	 * not the whole runbook.
	 */
	static final int MAX_STEPS = 12;

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private SuggestionBlocks() {
	}

	/** The reply: fallback text and blocks JSON. */
	record Reply(String text, String blocksJson) {
	}

	/**
	 * @param incident the incident the buttons act on; null shows no buttons
	 */
	static Reply reply(List<Suggestion> suggestions, @Nullable IncidentId incident, Redactor redactor) {
		ArrayNode blocks = JSON.createArrayNode();
		section(blocks, ":books: *Runbooks that may help* (" + suggestions.size() + ")");
		// per runbook: divider, header, "more steps" line; what is left is shared by the
		// steps
		int stepBudget = Math.max(1, (MAX_BLOCKS - 1 - 3 * suggestions.size()) / Math.max(1, suggestions.size()));
		int perRunbook = Math.min(MAX_STEPS, stepBudget);
		for (Suggestion suggestion : suggestions) {
			blocks.addObject().put("type", "divider");
			section(blocks, header(suggestion, redactor));
			List<RenderedStep> steps = suggestion.steps();
			int shown = Math.min(steps.size(), perRunbook);
			for (RenderedStep step : steps.subList(0, shown)) {
				ObjectNode block = section(blocks, stepText(step, redactor));
				String value = runValue(suggestion, step, incident);
				if (value != null) {
					ObjectNode button = block.putObject("accessory");
					button.put("type", "button");
					button.put("action_id", RUN);
					button.putObject("text").put("type", "plain_text").put("text", "Run").put("emoji", false);
					button.put("value", value);
				}
			}
			if (steps.size() > shown) {
				int more = steps.size() - shown;
				context(blocks, "…and " + more + " more step" + (more == 1 ? "" : "s") + " in `"
						+ RunbookMrkdwn.plain(suggestion.runbook().file(), redactor) + "`");
			}
		}
		String titles = suggestions.stream()
			.map(s -> RunbookMrkdwn.plain(s.runbook().title(), redactor))
			.collect(Collectors.joining(", "));
		return new Reply(RunbookMrkdwn.fit("Runbooks that may help: " + titles, SECTION_TEXT),
				JSON.writeValueAsString(blocks));
	}

	/** Title, owner, severity and why it matched, as one mrkdwn paragraph. */
	static String header(Suggestion suggestion, Redactor redactor) {
		StringBuilder text = new StringBuilder("*")
			.append(RunbookMrkdwn.plain(suggestion.runbook().title(), redactor).replace("*", ""))
			.append("* (`")
			.append(RunbookMrkdwn.plain(suggestion.runbook().id(), redactor))
			.append("`) · owner ")
			.append(RunbookMrkdwn.plain(suggestion.runbook().owner(), redactor))
			.append(" · severity ")
			.append(RunbookMrkdwn.plain(suggestion.runbook().severity(), redactor));
		if (!suggestion.reasons().isEmpty()) {
			text.append("\n_Why:_ ")
				.append(suggestion.reasons()
					.stream()
					.map(r -> RunbookMrkdwn.plain(r, redactor))
					.collect(Collectors.joining("; ")));
		}
		return RunbookMrkdwn.fit(text.toString(), SECTION_TEXT);
	}

	/**
	 * One step: its text, and for an action that needs input what is missing and the
	 * command to run it by hand.
	 */
	static String stepText(RenderedStep step, Redactor redactor) {
		String text = "*" + step.number() + ".* " + RunbookMrkdwn.of(step.text().strip(), redactor);
		RenderedAction action = step.action();
		if (action == null) {
			return RunbookMrkdwn.fit(text, SECTION_TEXT);
		}
		String tail;
		if (step.needsInput() || !action.complete()) {
			List<String> missing = step.missingFields().isEmpty() ? action.paramsNeedingInput() : step.missingFields();
			tail = "\n:pencil2: Needs input ("
					+ missing.stream()
						.map(m -> "`" + RunbookMrkdwn.plain(m, redactor) + "`")
						.collect(Collectors.joining(", "))
					+ "); run it by hand: `" + RunbookMrkdwn.plain(runCommand(action), redactor).replace("`", "'")
					+ "`";
		}
		else {
			tail = "\n:gear: Action `" + RunbookMrkdwn.plain(action.type(), redactor) + "` (asks for approval)";
		}
		// the tail says what to do; cut the step text rather than the command
		int room = SECTION_TEXT - tail.length();
		return (room > 100 ? RunbookMrkdwn.fit(text, room) + tail : RunbookMrkdwn.fit(text + tail, SECTION_TEXT));
	}

	/**
	 * The equivalent {@code /wk run}: parameters still holding a template are left as
	 * {@code name=…}.
	 */
	static String runCommand(RenderedAction action) {
		StringBuilder command = new StringBuilder("/wk run ").append(action.type());
		for (Map.Entry<String, String> param : action.params().entrySet()) {
			command.append(' ').append(param.getKey()).append('=');
			if (action.paramsNeedingInput().contains(param.getKey())) {
				command.append('…');
			}
			else {
				command.append(quoted(param.getValue()));
			}
		}
		return command.toString();
	}

	/**
	 * The Run button's value, {@code runbookId|step|incidentId|alertFingerprint}:
	 * identifiers only. The click handler renders the step again from the catalog and the
	 * stored alert; parameters sent back by a client are not trusted.
	 */
	static @Nullable String runValue(Suggestion suggestion, RenderedStep step, @Nullable IncidentId incident) {
		RenderedAction action = step.action();
		if (incident == null || action == null || step.needsInput() || !action.complete()
				|| suggestion.alertFingerprint() == null) {
			return null;
		}
		return suggestion.runbook().id() + "|" + step.number() + "|" + incident + "|" + suggestion.alertFingerprint();
	}

	private static String quoted(String value) {
		if (!value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"')) {
			return value;
		}
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static ObjectNode section(ArrayNode blocks, String mrkdwn) {
		ObjectNode block = blocks.addObject();
		block.put("type", "section");
		block.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
		return block;
	}

	private static void context(ArrayNode blocks, String mrkdwn) {
		blocks.addObject()
			.put("type", "context")
			.putArray("elements")
			.addObject()
			.put("type", "mrkdwn")
			.put("text", mrkdwn);
	}

}
