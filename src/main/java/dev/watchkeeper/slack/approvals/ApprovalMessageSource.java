package dev.watchkeeper.slack.approvals;

import dev.watchkeeper.approvals.Approvals;
import dev.watchkeeper.slack.outbox.LivingMessageSource;
import dev.watchkeeper.slack.outbox.SlackMessage;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Renders a request's approval message from the stored request when the outbox delivers
 * it: however many changes were queued meanwhile, Slack receives the latest state once.
 */
@Component
class ApprovalMessageSource implements LivingMessageSource {

	private final Approvals approvals;

	private final ApprovalCards cards;

	private final IncidentThreadLinks links;

	ApprovalMessageSource(Approvals approvals, ApprovalCards cards, IncidentThreadLinks links) {
		this.approvals = approvals;
		this.cards = cards;
		this.links = links;
	}

	@Override
	public boolean handles(String messageKey) {
		return messageKey.startsWith(ApprovalMessageKey.PREFIX);
	}

	@Override
	public Optional<SlackMessage> render(String messageKey) {
		return ApprovalMessageKey.parse(messageKey).flatMap(approvals::find).map(request -> {
			ApprovalCard card = cards.card(request, links.of(request));
			return new SlackMessage(ApprovalBlocks.notificationText(card), ApprovalBlocks.message(card));
		});
	}

}
