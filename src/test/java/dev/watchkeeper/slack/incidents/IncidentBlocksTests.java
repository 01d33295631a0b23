package dev.watchkeeper.slack.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.util.json.GsonFactory;
import dev.watchkeeper.alerts.Alert;
import dev.watchkeeper.alerts.AlertStatus;
import dev.watchkeeper.alerts.Incident;
import dev.watchkeeper.redaction.Redactor;
import dev.watchkeeper.slack.outbox.SlackMessage;
import dev.watchkeeper.summary.Summarizer;
import dev.watchkeeper.summary.TestIncidents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident message is a pure function of the summary: golden JSON pins its shape
 * (regenerate with {@code -Dgolden.update=true} after an intended change, then review the
 * diff), and Slack's limits hold for any size.
 */
class IncidentBlocksTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant NOW = Instant.parse("2026-12-01T03:55:30Z");

	private final Summarizer summarizer = new Summarizer(Redactor.standard());

	private SlackMessage render(Incident incident) {
		return IncidentBlocks.render(summarizer.summarize(incident, NOW));
	}

	@Test
	void firingIncidentMessage() throws IOException {
		assertGolden(render(TestIncidents.fromFixture("alertmanager-partially-resolved.json")), "incident-firing.json");
	}

	@Test
	void resolvedIncidentMessage() throws IOException {
		assertGolden(render(TestIncidents.fromFixture("alertmanager-resolved.json")), "incident-resolved.json");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1_000, 10_000 })
	void stormIncidentStaysWithinSlackLimits(int alerts) {
		SlackMessage message = render(TestIncidents.storm(alerts));

		assertWithinSlackLimits(message);
		assertThat(allText(message)).contains("*Affected service* (36): ")
			.contains("and 995 more".replace("995", Integer.toString(alerts - 5)));
		SectionBlock list = (SectionBlock) message.blocks()
			.stream()
			.filter(b -> "incident:alerts".equals(b.getBlockId()))
			.findFirst()
			.orElseThrow();
		assertThat(list.getText().getText()).startsWith("*Alerts* (20 of " + alerts + " shown").endsWith("more");
	}

	@Test
	void alertTextCanNeverPingOrInjectALink() {
		Alert hostile = new Alert("alertmanager", "f1", AlertStatus.FIRING,
				Map.of("alertname", "<!channel> wake up", "instance", "<@U0ADMIN>", "team", "<!subteam^S0ONCALL>",
						"severity", "critical"),
				Map.of("summary", "<!here> see <https://evil.example/login|the runbook> & hurry @here @channel",
						"description", "<!everyone> `code` *bold*"),
				Instant.parse("2026-12-01T03:00:00Z"), null, "https://prometheus.example.com/graph");
		Incident incident = TestIncidents.of("alertmanager", List.of(hostile), Map.of(), null);

		SlackMessage message = render(incident);

		List<String> strings = strings(message);
		assertThat(strings).noneMatch(s -> s.contains("<!") || s.contains("<@") || s.contains("<https://evil"));
		assertThat(String.join("\n", strings)).contains("&lt;!channel&gt; wake up")
			.contains("&lt;@U0ADMIN&gt;")
			.contains("&lt;https://evil.example/login|the runbook&gt; &amp; hurry @\u2060here @\u2060channel")
			.doesNotContain("@here")
			.doesNotContain("@channel");
		assertThat(message.text()).startsWith(":red_circle: [FIRING] &lt;!here&gt;");
	}

	@Test
	void linksAreUrlButtonsNotMarkup() {
		SlackMessage message = render(TestIncidents.fromFixture("alertmanager-firing.json"));

		ActionsBlock links = (ActionsBlock) message.blocks()
			.stream()
			.filter(b -> b instanceof ActionsBlock)
			.findFirst()
			.orElseThrow();
		assertThat(links.getElements()).map(e -> ((ButtonElement) e).getText().getText())
			.containsExactly("Source", "Runbook", "Silence");
		assertThat(links.getElements()).map(e -> ((ButtonElement) e).getActionId())
			.allMatch(id -> id.matches("incident:link:\\d"));
	}

	static void assertWithinSlackLimits(SlackMessage message) {
		assertThat(message.blocks()).hasSizeLessThanOrEqualTo(IncidentBlocks.MAX_BLOCKS);
		assertThat(message.text().length()).isLessThanOrEqualTo(IncidentBlocks.SECTION_TEXT);
		for (LayoutBlock block : message.blocks()) {
			if (block instanceof HeaderBlock header) {
				assertThat(header.getText().getText().length()).isLessThanOrEqualTo(IncidentBlocks.HEADER_TEXT);
			}
			if (block instanceof SectionBlock section) {
				if (section.getText() != null) {
					assertThat(section.getText().getText().length()).isLessThanOrEqualTo(IncidentBlocks.SECTION_TEXT);
				}
				if (section.getFields() != null) {
					assertThat(section.getFields()).hasSizeLessThanOrEqualTo(IncidentBlocks.MAX_FIELDS)
						.allSatisfy(
								f -> assertThat(f.getText().length()).isLessThanOrEqualTo(IncidentBlocks.FIELD_TEXT));
				}
			}
			if (block instanceof ActionsBlock actions) {
				assertThat(actions.getElements()).hasSizeLessThanOrEqualTo(25);
				for (BlockElement element : actions.getElements()) {
					ButtonElement button = (ButtonElement) element;
					assertThat(button.getText().getText().length()).isLessThanOrEqualTo(75);
					assertThat(button.getUrl().length()).isLessThanOrEqualTo(3000);
				}
			}
		}
	}

	private static String allText(SlackMessage message) {
		return String.join("\n", strings(message));
	}

	/** Every string value of the message as Slack receives it. */
	static List<String> strings(SlackMessage message) {
		List<String> strings = new ArrayList<>();
		strings.add(message.text());
		collect(JSON.readTree(GsonFactory.createSnakeCase().toJson(message.blocks())), strings);
		return strings;
	}

	private static void collect(JsonNode node, List<String> strings) {
		if (node.isString()) {
			strings.add(node.asString());
		}
		node.forEach(child -> collect(child, strings));
	}

	private static void assertGolden(SlackMessage message, String name) throws IOException {
		JsonNode actual = JSON.readTree("{\"text\": " + JSON.writeValueAsString(message.text()) + ", \"blocks\": "
				+ GsonFactory.createSnakeCase().toJson(message.blocks()) + "}");
		Path source = Path.of("src/test/resources/slack", name);
		if (Boolean.getBoolean("golden.update")) {
			Files.createDirectories(source.getParent());
			Files.writeString(source, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
		}
		assertThat(source).as("golden file (create it with -Dgolden.update=true)").exists();
		JsonNode expected = JSON.readTree(Files.readString(source, StandardCharsets.UTF_8));
		assertThat(actual).isEqualTo(expected);
	}

}
