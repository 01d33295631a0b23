package dev.watchkeeper.slack.incidents;

import static dev.watchkeeper.slack.incidents.IncidentText.code;
import static dev.watchkeeper.slack.incidents.IncidentText.emoji;
import static dev.watchkeeper.slack.incidents.IncidentText.fit;
import static dev.watchkeeper.slack.incidents.IncidentText.mrkdwn;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.watchkeeper.alerts.AlertStatus;
import dev.watchkeeper.slack.internal.SlackText;
import dev.watchkeeper.slack.outbox.SlackMessage;
import dev.watchkeeper.summary.DurationText;
import dev.watchkeeper.summary.IncidentSummary;
import dev.watchkeeper.summary.IncidentSummary.Affected;
import dev.watchkeeper.summary.IncidentSummary.AlertLine;
import dev.watchkeeper.summary.IncidentSummary.LabelSpread;
import dev.watchkeeper.summary.IncidentSummary.Link;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an incident summary as its Slack message, as a pure function (golden-JSON
 * tested). Stays inside Slack's limits whatever the incident's size: at most 9 of the 50
 * allowed blocks, every section text within 3,000 characters, header within 150, fields
 * within 2,000; long lists end in "and K more" instead of failing the post.
 */
final class IncidentBlocks {

	static final int MAX_BLOCKS = 50;

	static final int SECTION_TEXT = 3_000;

	static final int HEADER_TEXT = 150;

	static final int FIELD_TEXT = 2_000;

	static final int MAX_FIELDS = 10;

	private static final int LINE = 300;

	/**
	 * Labels worth a field of their own, in this order; the title and status line already
	 * say the rest.
	 */
	private static final List<String> FIELD_ORDER = List.of("cluster", "namespace", "service", "job", "team",
			"environment", "env", "region", "instance", "pod");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private IncidentBlocks() {
	}

	static SlackMessage render(IncidentSummary summary) {
		List<LayoutBlock> blocks = new ArrayList<>();
		blocks.add(HeaderBlock.builder()
			.blockId("incident:header")
			.text(PlainTextObject.builder().text(header(summary)).emoji(true).build())
			.build());
		blocks.add(section("incident:status", status(summary)));
		if (summary.description() != null) {
			blocks.add(section("incident:description", mrkdwn(summary.description())));
		}
		List<TextObject> fields = fields(summary.commonLabels());
		if (!fields.isEmpty()) {
			blocks.add(SectionBlock.builder().blockId("incident:labels").fields(fields).build());
		}
		String affected = affected(summary.affected());
		if (!affected.isEmpty()) {
			blocks.add(section("incident:affected", affected));
		}
		String differing = differing(summary);
		if (!differing.isEmpty()) {
			blocks.add(section("incident:differing", differing));
		}
		blocks.add(section("incident:alerts", alerts(summary)));
		List<BlockElement> buttons = buttons(summary.links());
		if (!buttons.isEmpty()) {
			blocks.add(ActionsBlock.builder().blockId("incident:links").elements(buttons).build());
		}
		blocks.add(ContextBlock.builder()
			.blockId("incident:context")
			.elements(List.<ContextBlockElement>of(
					MarkdownTextObject.builder().text("Watchkeeper · incident `" + summary.incidentId() + "`").build()))
			.build());
		return new SlackMessage(fallbackText(summary), blocks);
	}

	/** The notification text (and the fallback for clients without blocks). */
	static String fallbackText(IncidentSummary summary) {
		String state = summary.open() ? "[FIRING] " : "[RESOLVED] ";
		String counts = summary.open() ? summary.firing() + " firing, " + summary.resolved() + " resolved"
				: "after " + DurationText.of(summary.duration());
		return fit(emoji(summary.severity(), summary.open()) + " " + state + mrkdwn(summary.title()) + " — " + counts,
				SECTION_TEXT);
	}

	private static String header(IncidentSummary summary) {
		String prefix = emoji(summary.severity(), summary.open()) + (summary.open() ? " " : " RESOLVED: ");
		// plain text: Slack parses neither mentions nor links here, and entities would
		// show literally; angle
		// brackets are swapped for look-alikes anyway so no client ever sees mention
		// syntax
		String title = IncidentText.withoutBareMentions(summary.title().replace('\n', ' '))
			.replace('<', '‹')
			.replace('>', '›');
		return fit(prefix + title, HEADER_TEXT);
	}

	private static String status(IncidentSummary summary) {
		StringBuilder text = new StringBuilder();
		if (summary.open()) {
			text.append("*Firing*");
		}
		else {
			text.append("*Resolved* after ").append(DurationText.of(summary.duration()));
		}
		text.append(" · *").append(summary.severity().displayName()).append('*');
		text.append(" · ").append(summary.firing()).append(" firing, ").append(summary.resolved()).append(" resolved");
		text.append(" · started ").append(TIME.format(summary.startedAt()));
		if (summary.open()) {
			text.append(" (").append(DurationText.of(summary.duration())).append(" ago)");
		}
		else if (summary.resolvedAt() != null) {
			text.append(" · resolved ").append(TIME.format(summary.resolvedAt()));
		}
		if (summary.flapping()) {
			text.append("\n:repeat: *Flapping*: alerts keep firing and resolving; changes are no longer announced"
					+ " in the thread.");
		}
		return text.toString();
	}

	private static List<TextObject> fields(Map<String, String> common) {
		List<String> names = new ArrayList<>(common.keySet());
		names.remove("alertname");
		names.remove("severity");
		names.sort(Comparator
			.comparingInt((String n) -> FIELD_ORDER.contains(n) ? FIELD_ORDER.indexOf(n) : FIELD_ORDER.size())
			.thenComparing(Comparator.naturalOrder()));
		List<TextObject> fields = new ArrayList<>();
		for (String name : names) {
			if (fields.size() == MAX_FIELDS) {
				break;
			}
			fields.add(MarkdownTextObject.builder()
				.text(fit("*" + mrkdwn(name) + "*\n" + mrkdwn(common.get(name)), FIELD_TEXT))
				.build());
		}
		return fields;
	}

	private static String affected(List<Affected> affected) {
		Budget text = new Budget(SECTION_TEXT);
		for (Affected a : affected) {
			StringBuilder line = new StringBuilder("*Affected ").append(mrkdwn(a.label()))
				.append("* (")
				.append(a.total())
				.append("): ");
			int shown = 0;
			for (String value : a.values()) {
				String item = (shown == 0 ? "" : ", ") + code(fit(value, 100));
				if (line.length() + item.length() > LINE * 2) {
					break;
				}
				line.append(item);
				shown++;
			}
			int more = a.total() - shown;
			if (more > 0) {
				line.append(" and ").append(more).append(" more");
			}
			text.addLine(line.toString());
		}
		return text.toString();
	}

	private static String differing(IncidentSummary summary) {
		if (summary.differingLabels().isEmpty()) {
			return "";
		}
		Budget text = new Budget(SECTION_TEXT);
		text.addLine("*Labels that differ*");
		int shown = 0;
		for (LabelSpread spread : summary.differingLabels()) {
			StringBuilder line = new StringBuilder(code(fit(spread.name(), 60))).append(": ");
			List<String> values = spread.values().stream().map(v -> mrkdwn(fit(v, 60))).toList();
			line.append(String.join(", ", values));
			if (spread.more() > 0) {
				line.append(" and ").append(spread.more()).append(" more");
			}
			if (!text.addLine(fit(line.toString(), LINE))) {
				break;
			}
			shown++;
		}
		int more = summary.differingLabels().size() - shown + summary.differingLabelsMore();
		if (more > 0) {
			text.addFinal("and " + more + " more labels");
		}
		return text.toString();
	}

	private static String alerts(IncidentSummary summary) {
		Budget text = new Budget(SECTION_TEXT);
		text.addLine("*Alerts*" + (summary.alertsMore() > 0
				? " (" + summary.alerts().size() + " of " + summary.total() + " shown, firing and most severe first)"
				: ""));
		int shown = 0;
		for (AlertLine alert : summary.alerts()) {
			if (!text.addLine(line(alert))) {
				break;
			}
			shown++;
		}
		int more = summary.total() - shown;
		if (more > 0) {
			text.addFinal("…and " + more + " more");
		}
		return text.toString();
	}

	private static String line(AlertLine alert) {
		StringBuilder line = new StringBuilder("• ");
		line.append(alert.status() == AlertStatus.FIRING ? emoji(alert.severity(), true) : ":white_check_mark:");
		line.append(' ').append(code(fit(alert.name().isEmpty() ? "alert" : alert.name(), 80)));
		if (!alert.subject().isEmpty()) {
			line.append(" on ").append(mrkdwn(fit(alert.subject(), 80)));
		}
		if (!alert.text().isEmpty()) {
			line.append(" — ").append(mrkdwn(fit(alert.text().replace('\n', ' '), 140)));
		}
		String text = fit(line.toString(), LINE);
		// the link goes last and whole: a link cut in half would leave a dangling "<"
		if (alert.url() != null && alert.url().length() <= 500) {
			text += " <" + SlackText.escape(alert.url()) + "|source>";
		}
		return text;
	}

	private static List<BlockElement> buttons(List<Link> links) {
		List<BlockElement> buttons = new ArrayList<>();
		for (int i = 0; i < links.size() && buttons.size() < 5; i++) {
			Link link = links.get(i);
			buttons.add(ButtonElement.builder()
				.actionId("incident:link:" + i)
				.text(PlainTextObject.builder().text(fit(link.label(), 75)).emoji(false).build())
				.url(link.url())
				.build());
		}
		return buttons;
	}

	private static SectionBlock section(String blockId, String mrkdwnText) {
		return SectionBlock.builder()
			.blockId(blockId)
			.text(MarkdownTextObject.builder().text(fit(mrkdwnText, SECTION_TEXT)).build())
			.build();
	}

	static String time(Instant instant) {
		return TIME.format(instant);
	}

	/** Lines added while they fit in a section, keeping room for a final "and K more". */
	private static final class Budget {

		private static final int RESERVE = 60;

		private final StringBuilder text = new StringBuilder();

		private final int limit;

		Budget(int limit) {
			this.limit = limit;
		}

		boolean addLine(String line) {
			int needed = (text.length() == 0 ? 0 : 1) + line.length();
			if (text.length() + needed > limit - RESERVE) {
				return false;
			}
			if (text.length() > 0) {
				text.append('\n');
			}
			text.append(line);
			return true;
		}

		void addFinal(String line) {
			if (text.length() > 0) {
				text.append('\n');
			}
			text.append(line);
		}

		@Override
		public String toString() {
			return text.toString();
		}

	}

}
