package dev.watchkeeper.slack.runbooks;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.runbooks.RenderedStep;
import dev.watchkeeper.runbooks.Runbooks;
import dev.watchkeeper.runbooks.Suggestion;
import dev.watchkeeper.slack.WkSubcommand;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code /wk runbook <query>}: searches the catalog (in memory, well within Slack's 3 s)
 * and answers the caller only with the best matches, why they matched, and their first
 * steps.
 */
@Component
class RunbookSubcommand implements WkSubcommand {

	/** Steps shown per match: enough to start, the rest is in the file. */
	static final int FIRST_STEPS = 2;

	private static final int STEP_TEXT = 500;

	private static final int ANSWER_TEXT = 3_500;

	private static final Logger log = LoggerFactory.getLogger(RunbookSubcommand.class);

	private final Runbooks runbooks;

	private final Redactor redactor;

	RunbookSubcommand(Runbooks runbooks, Redactor redactor) {
		this.runbooks = runbooks;
		this.redactor = redactor;
	}

	@Override
	public String name() {
		return "runbook";
	}

	@Override
	public String usage() {
		return "/wk runbook <query>";
	}

	@Override
	public String description() {
		return "search the runbooks by title, keywords and text";
	}

	@Override
	public Response handle(String arguments, SlashCommandRequest request, SlashCommandContext context) {
		return context.ack(answer(arguments));
	}

	String answer(String query) {
		String text = query.strip();
		if (text.isEmpty()) {
			return "Usage: `" + usage() + "`, e.g. `/wk runbook crash loop`";
		}
		List<Suggestion> found;
		try {
			found = runbooks.search(text);
		}
		catch (RuntimeException ex) {
			log.warn("runbook search failed: {}", ex.toString());
			return ":x: The search failed; try other words.";
		}
		String shown = RunbookMrkdwn.fit(RunbookMrkdwn.plain(text, redactor).replace("`", "'"), 200);
		if (found.isEmpty()) {
			return "No runbook matches `" + shown + "`.";
		}
		StringBuilder answer = new StringBuilder("*Runbooks for* `").append(shown)
			.append("` (")
			.append(found.size())
			.append(")");
		for (Suggestion suggestion : found) {
			StringBuilder entry = new StringBuilder("\n\n").append(SuggestionBlocks.header(suggestion, redactor));
			List<RenderedStep> steps = suggestion.steps();
			for (RenderedStep step : steps.subList(0, Math.min(FIRST_STEPS, steps.size()))) {
				entry.append('\n').append(RunbookMrkdwn.fit(SuggestionBlocks.stepText(step, redactor), STEP_TEXT));
			}
			if (steps.size() > FIRST_STEPS) {
				entry.append("\n_…")
					.append(steps.size() - FIRST_STEPS)
					.append(" more in `")
					.append(RunbookMrkdwn.plain(suggestion.runbook().file(), redactor))
					.append("`_");
			}
			if (answer.length() + entry.length() > ANSWER_TEXT) {
				answer.append("\n\n_More matches left out: ")
					.append(found.stream()
						.skip(found.indexOf(suggestion))
						.map(s -> "`" + RunbookMrkdwn.plain(s.runbook().id(), redactor) + "`")
						.collect(Collectors.joining(", ")))
					.append("_");
				break;
			}
			answer.append(entry);
		}
		return answer.toString();
	}

}
