package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.audit.AuditEntry;
import dev.watchkeeper.audit.AuditPage;
import dev.watchkeeper.audit.AuditQuery;
import dev.watchkeeper.audit.ChainHead;
import dev.watchkeeper.audit.Reviewer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every value from the trail reaches the page as text, and the pages carry no inline
 * script or style.
 */
class ReviewerPagesTests {

	static final String HOSTILE = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";

	final ReviewerPages.Session session = new ReviewerPages.Session(new Reviewer(HOSTILE, HOSTILE, "oidc"), "_csrf",
			"tok\"en");

	final AuditEntry entry = new AuditEntry(7, UUID.randomUUID(), Instant.parse("2026-12-01T10:00:00Z"),
			Instant.parse("2026-12-01T10:00:01Z"), HOSTILE, HOSTILE, "action.approved", HOSTILE, HOSTILE, "ok\"x",
			Map.of(HOSTILE, HOSTILE), Map.of("leaseId", "hmac-sha256:00"), "k", ChainSealing.GENESIS, "ab".repeat(32),
			"cd".repeat(32));

	@Test
	void listEscapesEveryValue() {
		AuditQuery query = new AuditQuery(HOSTILE, null, null, null, null, null, null);

		String page = ReviewerPages.list(session, query, new AuditPage(List.of(entry), 3L), null,
				new ChainHead(7, "ab".repeat(32)), HOSTILE);

		assertSafe(page);
		assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("before=3");
	}

	@Test
	void entryAndRefusalPagesEscapeEveryValue() {
		assertSafe(ReviewerPages.entry(session, entry, true));
		assertSafe(ReviewerPages.refused(session));
		assertSafe(ReviewerPages.login(List.of(new ReviewerPages.Provider("slack", HOSTILE)), true, "_csrf", HOSTILE,
				HOSTILE));
	}

	private static void assertSafe(String page) {
		assertThat(page).doesNotContain("<script>alert")
			.doesNotContain("<img")
			.doesNotContain("onerror=alert(2)>")
			.doesNotContain("<style")
			.doesNotContain(" style=")
			.doesNotContain(" onclick=");
		assertThat(page.split("<script", -1)).hasSize(2);
		assertThat(page).contains("<script src=\"/audit/assets/audit.js\" defer></script>");
	}

}
