package dev.watchkeeper.slack.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.core.IncidentId;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.runbooks.RenderedAction;
import dev.watchkeeper.runbooks.RenderedStep;
import dev.watchkeeper.runbooks.RunbookRef;
import dev.watchkeeper.runbooks.Suggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SuggestionBlocksTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final IncidentId INCIDENT = IncidentId.parse(UUID.randomUUID().toString());

	private static final Redactor REDACTOR = Redactor.standard();

	@Test
	void boldBecomesSlackBoldButCodeStaysAsWritten() {
		String text = RunbookMrkdwn.of("**Check** `a**b**c` then\n   ```bash\n   echo **x** <y>\n   ```", REDACTOR);

		assertThat(text).isEqualTo("*Check* `a**b**c` then\n```\n   echo **x** &lt;y&gt;\n```");
	}

	@Test
	void mentionsAndSecretsInStepTextAreNeutralized() {
		String text = RunbookMrkdwn.of("ping <!channel> with AKIAIOSFODNN7EXAMPLE", REDACTOR);

		assertThat(text).contains("&lt;!channel&gt;")
			.doesNotContain("<!channel>")
			.doesNotContain("AKIAIOSFODNN7EXAMPLE");
	}

	@Test
	void cutTextClosesAnOpenCodeFence() {
		String cut = RunbookMrkdwn.fit("intro\n```\n" + "x".repeat(5_000) + "\n```", 3_000);

		assertThat(cut).hasSizeLessThanOrEqualTo(3_000).endsWith("…\n```");
	}

	@Test
	void staysWithinFiftyBlocksAndSectionLimitsWithLongRunbooks() {
		List<Suggestion> suggestions = IntStream.range(0, 3)
			.mapToObj(i -> suggestion("rb-" + i,
					IntStream.rangeClosed(1, 40)
						.mapToObj(n -> new RenderedStep(n, "step " + "y".repeat(4_000), null, List.of()))
						.toList()))
			.toList();

		SuggestionBlocks.Reply reply = SuggestionBlocks.reply(suggestions, INCIDENT, REDACTOR);

		JsonNode blocks = JSON.readTree(reply.blocksJson());
		assertThat(blocks.size()).isLessThanOrEqualTo(SuggestionBlocks.MAX_BLOCKS);
		for (JsonNode block : blocks) {
			if (block.has("text")) {
				assertThat(block.get("text").get("text").asString())
					.hasSizeLessThanOrEqualTo(SuggestionBlocks.SECTION_TEXT);
			}
		}
		assertThat(reply.blocksJson()).contains("…and 28 more steps in `runbooks/rb-2.md`");
	}

	@Test
	void readyActionGetsARunButtonAndIncompleteOneTheCommandInstead() {
		Map<String, String> ready = new LinkedHashMap<>(Map.of("message", "hello world"));
		RenderedStep runnable = new RenderedStep(1, "Echo.", new RenderedAction("noop.echo", ready, List.of()),
				List.of());
		RenderedStep needsInput = new RenderedStep(2, "Revoke.", new RenderedAction("vault.revoke-lease",
				Map.of("lease_id", "{{ annotations.lease_id }}"), List.of("lease_id")),
				List.of("annotations.lease_id"));

		SuggestionBlocks.Reply reply = SuggestionBlocks.reply(List.of(suggestion("rb", List.of(runnable, needsInput))),
				INCIDENT, REDACTOR);

		List<String> values = new ArrayList<>();
		for (JsonNode block : JSON.readTree(reply.blocksJson())) {
			if (block.has("accessory")) {
				values.add(block.get("accessory").get("value").asString());
			}
		}
		assertThat(values).containsExactly("rb|1|" + INCIDENT + "|fp1");
		assertThat(reply.blocksJson()).contains("Needs input (`annotations.lease_id`)")
			.contains("/wk run vault.revoke-lease lease_id=…");
		assertThat(SuggestionBlocks.runCommand(runnable.action()))
			.isEqualTo("/wk run noop.echo message=\"hello world\"");
	}

	@Test
	void runValueRoundTrips() {
		RunbookRunInteractions.RunValue value = RunbookRunInteractions.RunValue.parse("rb|2|" + INCIDENT + "|fp1")
			.orElseThrow();

		assertThat(value).isEqualTo(new RunbookRunInteractions.RunValue("rb", 2, INCIDENT, "fp1"));
		assertThat(RunbookRunInteractions.RunValue.parse("rb|x|" + INCIDENT + "|fp1")).isEmpty();
		assertThat(RunbookRunInteractions.RunValue.parse("rb|1|not-a-uuid|fp1")).isEmpty();
		assertThat(RunbookRunInteractions.RunValue.parse("rb|1|" + INCIDENT)).isEmpty();
	}

	private static Suggestion suggestion(String id, List<RenderedStep> steps) {
		return new Suggestion(new RunbookRef(id, "Title " + id, "team", "warning", "runbooks/" + id + ".md"),
				List.of("alertname=X"), steps, "fp1");
	}

}
