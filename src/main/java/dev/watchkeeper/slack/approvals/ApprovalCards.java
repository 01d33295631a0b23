package dev.watchkeeper.slack.approvals;

import dev.watchkeeper.actions.Action;
import dev.watchkeeper.actions.ActionRegistry;
import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.ApprovalTicket;
import dev.watchkeeper.redaction.Redactor;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns a stored request into an {@link ApprovalCard}: every text that will leave for
 * Slack passes the {@link Redactor} here (parameters, preview, reason, outcome), once,
 * before any rendering.
 */
@Component
class ApprovalCards {

	private final ActionRegistry registry;

	private final Redactor redactor;

	ApprovalCards(ActionRegistry registry, ObjectProvider<Redactor> redactor) {
		this.registry = registry;
		this.redactor = redactor.getIfAvailable(Redactor::standard);
	}

	ApprovalCard card(ActionRequest request, @Nullable String incidentLink) {
		String description = registry.find(request.actionType())
			.map(Action::description)
			.orElse("(action not installed in this Watchkeeper)");
		List<ApprovalCard.Param> params = request.params()
			.values()
			.entrySet()
			.stream()
			.map(e -> new ApprovalCard.Param(e.getKey(), redact(e.getValue())))
			.toList();
		List<ApprovalCard.Approver> approvals = request.approvals()
			.stream()
			.map(a -> new ApprovalCard.Approver(a.approver().value(), a.at()))
			.toList();
		return new ApprovalCard(request.id().toString(), request.id().shortForm(), ApprovalTicket.of(request).format(),
				request.actionType(), description, request.tier(), request.state(), request.requester().value(),
				redact(request.reason()), request.incidentId() == null ? null : request.incidentId().toString(),
				incidentLink, redact(request.preview()), params, approvals, request.expiresAt(),
				request.executionStartedAt(), request.closedBy() == null ? null : request.closedBy().value(),
				redactNullable(request.note()), redactNullable(request.outcome()));
	}

	/**
	 * e.g. "`noop.echo` (HIGH) — Echo a message … — message=<…>" for {@code /wk actions}.
	 */
	List<String> availableActions() {
		return registry.all()
			.stream()
			.map(a -> "`" + a.type() + "` (" + a.tier() + ") — " + Mrkdwn.escape(a.description())
					+ (a.schema().params().isEmpty() ? "" : " — `" + Mrkdwn.escape(a.schema().usage()) + "`"))
			.toList();
	}

	private String redact(String text) {
		return redactor.redact(text).text();
	}

	private @Nullable String redactNullable(@Nullable String text) {
		return text == null ? null : redact(text);
	}

}
