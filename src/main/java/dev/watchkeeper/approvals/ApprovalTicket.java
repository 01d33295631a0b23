package dev.watchkeeper.approvals;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a button carries: the request id and the binding hash of what the message showed,
 * as {@code <uuid>:<64 hex digits>}. Anything else is refused as malformed.
 */
public record ApprovalTicket(ActionRequestId id, String binding) {

	private static final Pattern SHAPE = Pattern
		.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([0-9a-f]{64})");

	public static ApprovalTicket of(ActionRequest request) {
		return new ApprovalTicket(request.id(), request.binding());
	}

	public static Optional<ApprovalTicket> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		Matcher m = SHAPE.matcher(text);
		if (!m.matches()) {
			return Optional.empty();
		}
		return Optional.of(new ApprovalTicket(ActionRequestId.parse(m.group(1)), m.group(2)));
	}

	public String format() {
		return id + ":" + binding;
	}

	/**
	 * A harmless, bounded stand-in for an unparseable value, for the audit trail and the
	 * click ledger.
	 */
	static String describeMalformed(String text) {
		String clean = text == null ? "" : text.replaceAll("[^A-Za-z0-9:._-]", "?");
		return "malformed:" + (clean.length() > 80 ? clean.substring(0, 80) : clean);
	}
}
