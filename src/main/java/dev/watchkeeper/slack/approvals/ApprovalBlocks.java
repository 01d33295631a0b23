package dev.watchkeeper.slack.approvals;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.watchkeeper.actions.RiskTier;
import dev.watchkeeper.approvals.RequestState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Pure functions from an {@link ApprovalCard} to Block Kit: the request message in each
 * state, its notification text, the thread reply on a final state, the denial dialog and
 * the {@code /wk actions} list. No I/O, no clock: times are rendered with Slack's
 * {@code <!date>} so every reader sees their own time zone.
 */
final class ApprovalBlocks {

	static final String APPROVE = "approval:approve";

	static final String DENY = "approval:deny";

	static final String CANCEL = "approval:cancel";

	static final String DENY_DIALOG = "approval:deny-reason";

	static final String ACTIONS_BLOCK = "approval:actions";

	static final String REASON_BLOCK = "reason";

	static final String REASON_INPUT = "reason";

	private static final DateTimeFormatter FALLBACK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final int SECTION_TEXT_LIMIT = 2900;

	private ApprovalBlocks() {
	}

	/** The request message; buttons only while PENDING. */
	static List<LayoutBlock> message(ApprovalCard card) {
		List<LayoutBlock> blocks = new ArrayList<>();
		blocks.add(HeaderBlock.builder().text(plain(title(card))).build());
		StringBuilder what = new StringBuilder();
		what.append('*').append(Mrkdwn.escape(card.actionDescription())).append("*\n");
		what.append("*Why:* ").append(Mrkdwn.escape(card.reason()));
		if (card.incidentId() != null) {
			what.append("\n*Incident:* ").append(incidentReference(card));
		}
		blocks.add(section(Mrkdwn.truncate(what.toString(), SECTION_TEXT_LIMIT)));
		blocks.add(section(
				"*Preview*\n```" + Mrkdwn.truncate(Mrkdwn.code(card.preview()), SECTION_TEXT_LIMIT - 20) + "```"));
		List<TextObject> fields = new ArrayList<>();
		for (ApprovalCard.Param param : card.params()) {
			fields.add(markdown(
					"*" + Mrkdwn.escape(param.name()) + "*\n" + Mrkdwn.truncate(Mrkdwn.escape(param.value()), 1900)));
		}
		// Slack allows at most 10 fields per section
		for (int i = 0; i < fields.size(); i += 10) {
			blocks.add(SectionBlock.builder().fields(fields.subList(i, Math.min(fields.size(), i + 10))).build());
		}
		List<ContextBlockElement> context = new ArrayList<>();
		String requested = "Requested by <@" + card.requester() + "> · Risk *" + card.tier() + "* ("
				+ card.tier().description() + ")";
		if (card.state() == RequestState.PENDING) {
			requested += " · Expires " + date(card.expiresAt(), "{date_short_pretty} at {time}");
		}
		context.add(markdown(requested + " · Request `" + card.shortId() + "`"));
		context.add(markdown(approvalsLine(card)));
		blocks.add(ContextBlock.builder().elements(context).build());
		if (card.state() == RequestState.PENDING) {
			blocks.add(buttons(card));
		}
		else {
			blocks.add(section(Mrkdwn.truncate(statusLine(card), SECTION_TEXT_LIMIT)));
		}
		return blocks;
	}

	/** The message's {@code text}: what notifications and screen readers show. */
	static String notificationText(ApprovalCard card) {
		return Mrkdwn.escape(title(card)) + " (requested by <@" + card.requester() + ">)";
	}

	/**
	 * Posted in the incident thread when the request reaches a final (or unknown) state.
	 */
	static String threadReply(ApprovalCard card) {
		return "`" + card.actionType() + "` requested by <@" + card.requester() + "> (request `" + card.shortId()
				+ "`): " + statusLine(card);
	}

	/**
	 * The reason dialog opened by Deny; {@code privateMetadata} carries the ticket and
	 * the channel.
	 */
	static View denyDialog(ApprovalCard card, String privateMetadata) {
		return View.builder()
			.type("modal")
			.callbackId(DENY_DIALOG)
			.privateMetadata(privateMetadata)
			.title(ViewTitle.builder().type("plain_text").text("Deny request").build())
			.submit(ViewSubmit.builder().type("plain_text").text("Deny").build())
			.close(ViewClose.builder().type("plain_text").text("Back").build())
			.blocks(List.of(
					section("Deny `" + card.actionType() + "` requested by <@" + card.requester() + ">?\n_"
							+ Mrkdwn.escape(card.actionDescription()) + "_"),
					InputBlock.builder()
						.blockId(REASON_BLOCK)
						.label(plain("Reason (shown in the channel and the audit trail)"))
						.element(PlainTextInputElement.builder()
							.actionId(REASON_INPUT)
							.multiline(true)
							.maxLength(500)
							.build())
						.build()))
			.build();
	}

	/** The {@code /wk actions} answer. */
	static String openRequests(List<ApprovalCard> open, List<String> available) {
		StringBuilder text = new StringBuilder();
		if (open.isEmpty()) {
			text.append("*No pending action requests.*\n");
		}
		else {
			text.append("*Open action requests*\n");
			for (ApprovalCard card : open) {
				text.append("• `").append(card.shortId()).append("` `").append(card.actionType()).append("` — ");
				text.append(shortState(card)).append(", requested by <@").append(card.requester()).append(">");
				if (card.state() == RequestState.PENDING) {
					text.append(", expires ").append(date(card.expiresAt(), "{time}"));
				}
				text.append('\n');
			}
		}
		text.append("*Available actions* (request with `/wk run <action> name=value … -- reason`)\n");
		available.forEach(line -> text.append("• ").append(line).append('\n'));
		return text.toString().stripTrailing();
	}

	private static String title(ApprovalCard card) {
		String type = card.actionType();
		return switch (card.state()) {
			case PENDING -> ":raised_hand: Approval needed: " + type;
			case APPROVED -> ":hourglass_flowing_sand: Approved, starting: " + type;
			case EXECUTING -> ":gear: Running: " + type;
			case SUCCEEDED -> ":white_check_mark: Done: " + type;
			case FAILED -> ":x: Failed: " + type;
			case UNKNOWN -> ":grey_question: Outcome unknown: " + type;
			case DENIED -> ":no_entry: Denied: " + type;
			case EXPIRED -> ":hourglass: Expired: " + type;
			case CANCELLED -> ":heavy_multiplication_x: Cancelled: " + type;
		};
	}

	private static String statusLine(ApprovalCard card) {
		String outcome = card.outcome() == null ? "" : Mrkdwn.escape(card.outcome());
		String note = card.note() == null ? "" : Mrkdwn.escape(card.note());
		return switch (card.state()) {
			case PENDING -> ":raised_hand: *Waiting for approval*";
			case APPROVED -> ":hourglass_flowing_sand: *Approved* by " + approverMentions(card) + "; starting…";
			case EXECUTING -> ":gear: *Running* since "
					+ (card.executionStartedAt() == null ? "now" : date(card.executionStartedAt(), "{time}"));
			case SUCCEEDED -> ":white_check_mark: *Succeeded:* " + outcome;
			case FAILED -> ":x: *Failed:* " + outcome;
			case UNKNOWN -> ":grey_question: *Outcome unknown:* " + outcome;
			case DENIED -> ":no_entry: *Denied* by <@" + card.closedBy() + ">: " + note;
			case EXPIRED -> ":hourglass: *Expired:* " + note;
			case CANCELLED -> ":heavy_multiplication_x: *Cancelled* by the requester";
		};
	}

	private static String shortState(ApprovalCard card) {
		return switch (card.state()) {
			case PENDING -> "waiting for " + (card.approvalsRequired() - card.approvals().size()) + " more approval"
					+ (card.approvalsRequired() - card.approvals().size() == 1 ? "" : "s");
			case APPROVED -> "approved, starting";
			case EXECUTING -> "running";
			case UNKNOWN -> "outcome unknown";
			default -> card.state().name().toLowerCase();
		};
	}

	private static String approvalsLine(ApprovalCard card) {
		if (card.tier() == RiskTier.LOW) {
			return "No approval needed (LOW tier)";
		}
		String line = "Approvals: " + card.approvals().size() + " of " + card.approvalsRequired();
		if (!card.approvals().isEmpty()) {
			line += " · " + card.approvals()
				.stream()
				.map(a -> "<@" + a.userId() + "> " + date(a.at(), "{time}"))
				.collect(Collectors.joining(", "));
		}
		return line;
	}

	private static String approverMentions(ApprovalCard card) {
		if (card.approvals().isEmpty()) {
			return "policy (LOW tier)";
		}
		return card.approvals().stream().map(a -> "<@" + a.userId() + ">").collect(Collectors.joining(" and "));
	}

	private static String incidentReference(ApprovalCard card) {
		String label = "incident " + card.incidentId().substring(0, Math.min(8, card.incidentId().length()));
		return card.incidentLink() == null ? "`" + label + "`" : "<" + card.incidentLink() + "|" + label + ">";
	}

	private static ActionsBlock buttons(ApprovalCard card) {
		ButtonElement.ButtonElementBuilder approve = ButtonElement.builder()
			.actionId(APPROVE)
			.text(plain("Approve"))
			.style("primary")
			.value(card.ticket());
		if (card.tier() == RiskTier.CRITICAL) {
			approve.confirm(ConfirmationDialogObject.builder()
				.title(plain("Approve a CRITICAL action?"))
				.text(markdown("`" + card.actionType() + "` needs two distinct approvers. Approve exactly what the"
						+ " preview shows?"))
				.confirm(plain("Approve"))
				.deny(plain("Back"))
				.build());
		}
		List<BlockElement> elements = List.of(approve.build(),
				ButtonElement.builder().actionId(DENY).text(plain("Deny")).style("danger").value(card.ticket()).build(),
				ButtonElement.builder().actionId(CANCEL).text(plain("Cancel request")).value(card.ticket()).build());
		return ActionsBlock.builder().blockId(ACTIONS_BLOCK).elements(elements).build();
	}

	/** Slack renders it in the reader's time zone; the fallback is UTC. */
	private static String date(Instant at, String format) {
		return "<!date^" + at.getEpochSecond() + "^" + format + "|" + FALLBACK_TIME.format(at) + ">";
	}

	private static SectionBlock section(String mrkdwn) {
		return SectionBlock.builder().text(markdown(mrkdwn)).build();
	}

	private static MarkdownTextObject markdown(String text) {
		return MarkdownTextObject.builder().text(text).build();
	}

	private static PlainTextObject plain(String text) {
		return PlainTextObject.builder().text(text).emoji(true).build();
	}

}
