package dev.watchkeeper.audit.internal;

import dev.watchkeeper.audit.AuditEntry;
import dev.watchkeeper.audit.AuditPage;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.ChainHead;
import dev.watchkeeper.audit.Reviewer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders the reviewer pages as plain HTML. No template engine: four small pages do not
 * justify one, and building them through {@link Html} makes escaping the only way values
 * get in. No inline script or style anywhere (the CSP forbids them): behaviour lives in
 * {@code /audit/assets/audit.js}, looks in {@code audit.css}.
 */
final class ReviewerPages {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private ReviewerPages() {
	}

	/** Sign-in choices and session details the layout needs. */
	record Session(Reviewer reviewer, String csrfParameter, String csrfToken) {
	}

	/** A sign-in option: an OIDC registration. */
	record Provider(String registrationId, String name) {
	}

	static String list(Session session, AuditQuery query, AuditPage page, @Nullable Long before, ChainHead head,
			@Nullable String error) {
		Html html = start("Audit trail", session);
		html.raw("<section class=\"tools\"><form class=\"filters\" method=\"get\" action=\"/audit\">");
		field(html, "actor", "Actor", query.actor(), "U024BE7LH or system");
		field(html, "action", "Action", query.action(), "action.approved or action.*");
		field(html, "incident", "Incident", query.incident(), "incident id");
		field(html, "outcome", "Outcome", query.outcome(), "ok, refused, failed");
		field(html, "from", "From (UTC)", query.from() == null ? null : query.from().toString(), "2026-12-01");
		field(html, "to", "To (UTC)", query.to() == null ? null : query.to().toString(), "2026-12-02T18:00");
		html.raw("<div class=\"buttons\"><button type=\"submit\" id=\"apply-filters\">Filter</button>")
			.raw("<a class=\"button secondary\" href=\"/audit\">Clear</a></div></form>");
		Map<String, String> filters = query.asParameters();
		html.raw("<div class=\"chain\"><button type=\"button\" id=\"verify\" data-url=\"/api/audit/verify\">")
			.raw("Verify chain</button>")
			.raw("<a class=\"button secondary\" id=\"export-jsonl\" href=\"/api/audit/export")
			.text(Html.query(with(filters, "format", "jsonl")))
			.raw("\">Export JSONL</a>")
			.raw("<a class=\"button secondary\" id=\"export-csv\" href=\"/api/audit/export")
			.text(Html.query(with(filters, "format", "csv")))
			.raw("\">Export CSV</a>")
			.raw("<span class=\"head\">Head: entry ")
			.text(Long.toString(head.sequence()))
			.raw(" · <code title=\"")
			.text(head.hash())
			.raw("\">")
			.text(head.hash().substring(0, 16))
			.raw("…</code></span>")
			.raw("<p id=\"verify-result\" role=\"status\" aria-live=\"polite\"></p></div></section>");
		if (error != null) {
			html.raw("<p class=\"error\" role=\"alert\">").text(error).raw("</p>");
		}
		html.raw("<table class=\"entries\"><thead><tr><th>#</th><th>Time (UTC)</th><th>Actor</th><th>Action</th>")
			.raw("<th>Subject</th><th>Incident</th><th>Outcome</th></tr></thead><tbody>");
		for (AuditEntry entry : page.entries()) {
			row(html, entry, filters);
		}
		if (page.entries().isEmpty()) {
			html.raw("<tr><td colspan=\"7\" class=\"empty\">No entries match these filters.</td></tr>");
		}
		html.raw("</tbody></table><nav class=\"pager\">");
		if (before != null) {
			html.raw("<a href=\"/audit").text(Html.query(filters)).raw("\">« Newest</a>");
		}
		if (page.nextBefore() != null) {
			html.raw("<a rel=\"next\" id=\"older\" href=\"/audit")
				.text(Html.query(with(filters, "before", Long.toString(page.nextBefore()))))
				.raw("\">Older »</a>");
		}
		html.raw("</nav>");
		return end(html);
	}

	static String entry(Session session, AuditEntry entry, boolean hasNext) {
		Html html = start("Entry " + entry.sequence(), session);
		html.raw("<nav class=\"crumbs\"><a href=\"/audit\">« All entries</a>");
		if (entry.sequence() > 1) {
			html.raw("<a href=\"/audit/entries/").text(Long.toString(entry.sequence() - 1)).raw("\">‹ Previous</a>");
		}
		if (hasNext) {
			html.raw("<a href=\"/audit/entries/").text(Long.toString(entry.sequence() + 1)).raw("\">Next ›</a>");
		}
		html.raw("</nav><h1>Entry ").text(Long.toString(entry.sequence())).raw("</h1>");
		html.raw("<dl class=\"entry\" id=\"entry\">");
		term(html, "Action", entry.action());
		term(html, "Outcome", entry.outcome());
		term(html, "Actor",
				entry.actorName().isEmpty() ? entry.actor() : entry.actor() + " (" + entry.actorName() + ")");
		term(html, "Subject", entry.subject());
		term(html, "Incident", entry.incidentId());
		term(html, "Occurred (UTC)", entry.occurredAt().toString());
		term(html, "Recorded (UTC)", entry.recordedAt().toString());
		term(html, "Event id", entry.eventId().toString());
		html.raw("</dl><h2>Details</h2>");
		table(html, "details", entry.details(), "No details.");
		html.raw("<h2>Sensitive identifiers</h2><p class=\"hint\">Stored only as HMAC-SHA256, never in clear.</p>");
		table(html, "identifiers", entry.identifiers(), "None.");
		html.raw("<h2>Chain</h2><dl class=\"entry chain-fields\">");
		term(html, "Previous hash", entry.prevHash());
		term(html, "Hash", entry.hash());
		term(html, "HMAC", entry.hmac());
		term(html, "Key id", entry.keyId());
		html.raw("</dl>");
		return end(html);
	}

	static String login(List<Provider> providers, boolean tokenSignIn, String csrfParameter, String csrfToken,
			@Nullable String message) {
		Html html = head("Sign in");
		html.raw("<main class=\"narrow\"><h1>Watchkeeper audit trail</h1><p>Sign in as a reviewer.</p>");
		if (message != null) {
			html.raw("<p class=\"notice\" role=\"status\">").text(message).raw("</p>");
		}
		for (Provider provider : providers) {
			html.raw("<p><a class=\"button\" id=\"sign-in-")
				.text(provider.registrationId())
				.raw("\" href=\"/oauth2/authorization/")
				.text(provider.registrationId())
				.raw("\">Sign in with ")
				.text(provider.name())
				.raw("</a></p>");
		}
		if (tokenSignIn) {
			html.raw("<form method=\"post\" action=\"/audit/login\" class=\"token\">")
				.raw("<label for=\"token\">Reviewer token</label>")
				.raw("<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"off\" required>")
				.raw("<input type=\"hidden\" name=\"")
				.text(csrfParameter)
				.raw("\" value=\"")
				.text(csrfToken)
				.raw("\"><button type=\"submit\">Sign in with token</button></form>");
		}
		if (providers.isEmpty() && !tokenSignIn) {
			html.raw("<p class=\"error\">No sign-in is configured: set WATCHKEEPER_AUDIT_REVIEWER_TOKEN or an OIDC ")
				.raw("client (spring.security.oauth2.client.registration.*). See docs/audit.md.</p>");
		}
		return html.raw("</main></body></html>").toString();
	}

	static String refused(Session session) {
		Html html = start("Not a reviewer", session);
		html.raw("<h1>Not a reviewer</h1><p id=\"refused\">You are signed in as <strong>")
			.text(describe(session.reviewer()))
			.raw("</strong>, who is not a configured reviewer of this audit trail. An administrator can add your ")
			.raw("Slack user id or e-mail to <code>WATCHKEEPER_AUDIT_REVIEWERS</code>.</p>");
		return end(html);
	}

	private static Html head(String title) {
		return new Html().raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
			.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.raw("<title>")
			.text(title)
			.raw(" · Watchkeeper audit</title>")
			.raw("<link rel=\"stylesheet\" href=\"/audit/assets/audit.css\">")
			.raw("<script src=\"/audit/assets/audit.js\" defer></script></head><body>");
	}

	private static Html start(String title, Session session) {
		return head(title).raw("<header class=\"bar\"><a class=\"brand\" href=\"/audit\">Watchkeeper · audit trail</a>")
			.raw("<span class=\"who\" id=\"signed-in-as\">")
			.text(describe(session.reviewer()))
			.raw("</span><form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"")
			.text(session.csrfParameter())
			.raw("\" value=\"")
			.text(session.csrfToken())
			.raw("\"><button type=\"submit\" class=\"link\">Sign out</button></form></header><main>");
	}

	private static String end(Html html) {
		return html.raw("</main></body></html>").toString();
	}

	private static String describe(Reviewer reviewer) {
		return reviewer.name().isEmpty() ? reviewer.id() : reviewer.name() + " (" + reviewer.id() + ")";
	}

	private static void field(Html html, String name, String label, @Nullable String value, String placeholder) {
		html.raw("<label>")
			.text(label)
			.raw("<input type=\"text\" name=\"")
			.text(name)
			.raw("\" id=\"filter-")
			.text(name)
			.raw("\" value=\"")
			.text(value == null ? "" : value)
			.raw("\" placeholder=\"")
			.text(placeholder)
			.raw("\"></label>");
	}

	private static void row(Html html, AuditEntry entry, Map<String, String> filters) {
		String seq = Long.toString(entry.sequence());
		html.raw("<tr><td><a class=\"seq\" href=\"/audit/entries/")
			.text(seq)
			.raw("\">")
			.text(seq)
			.raw("</a></td><td class=\"time\">")
			.text(time(entry.occurredAt()))
			.raw("</td><td>");
		filterLink(html, filters, "actor", entry.actor(),
				entry.actorName().isEmpty() ? entry.actor() : entry.actorName());
		html.raw("</td><td>");
		filterLink(html, filters, "action", entry.action(), entry.action());
		html.raw("</td><td class=\"subject\">").text(entry.subject()).raw("</td><td>");
		if (!entry.incidentId().isEmpty()) {
			filterLink(html, filters, "incident", entry.incidentId(), shorten(entry.incidentId()));
		}
		html.raw("</td><td><span class=\"outcome outcome-")
			.text(entry.outcome().replaceAll("[^A-Za-z0-9_-]", ""))
			.raw("\">")
			.text(entry.outcome())
			.raw("</span></td></tr>");
	}

	private static void filterLink(Html html, Map<String, String> filters, String name, String value, String label) {
		html.raw("<a class=\"filter\" title=\"Show only ")
			.text(name + " " + value)
			.raw("\" href=\"/audit")
			.text(Html.query(with(filters, name, value)))
			.raw("\">")
			.text(label)
			.raw("</a>");
	}

	private static void term(Html html, String name, String value) {
		html.raw("<dt>").text(name).raw("</dt><dd>").text(value.isEmpty() ? "—" : value).raw("</dd>");
	}

	private static void table(Html html, String id, Map<String, String> values, String empty) {
		if (values.isEmpty()) {
			html.raw("<p class=\"empty\" id=\"").text(id).raw("\">").text(empty).raw("</p>");
			return;
		}
		html.raw("<table class=\"kv\" id=\"").text(id).raw("\"><tbody>");
		values.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach(e -> html.raw("<tr><th>").text(e.getKey()).raw("</th><td>").text(e.getValue()).raw("</td></tr>"));
		html.raw("</tbody></table>");
	}

	private static Map<String, String> with(Map<String, String> filters, String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(filters);
		copy.put(name, value);
		return copy;
	}

	private static String time(Instant instant) {
		return TIME.format(instant);
	}

	private static String shorten(String id) {
		return id.length() > 13 ? id.substring(0, 8) + "…" : id;
	}

}
