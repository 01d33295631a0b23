package dev.watchkeeper.slack.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.diagnostics.ShareAudience;
import dev.watchkeeper.diagnostics.ShareId;
import dev.watchkeeper.diagnostics.ShareState;
import dev.watchkeeper.diagnostics.ShareSummary;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ShareMessagesTests {

	static final JsonNode parse(String json) {
		return JsonMapper.builder().build().readTree(json);
	}

	static final ShareSummary LIVE = new ShareSummary(new ShareId("AAAAAAAAAAAAAAAAAAAAAA"), ShareState.READY, 2, 3,
			Instant.parse("2024-05-01T12:00:00Z"), "U0ALICE01", "6f1f9d59-3b47-4a43-9f6e-4c5a0d3e8b11",
			ShareAudience.channel("C0INCIDENT"));

	@Test
	void theModalSaysTheServerEncryptsInMemoryAndForgetsTheText() {
		JsonNode view = parse(ShareMessages.modal("{\"channel\":\"C1\"}", Duration.ofHours(4), 1, 10));

		assertThat(view.path("callback_id").asString()).isEqualTo("diagnostics:share");
		assertThat(view.toString()).contains("encrypts it on the server, in memory").contains("forgets the text");
		assertThat(view.path("blocks").get(1).path("element").path("max_length").asInt()).isEqualTo(3000);
		assertThat(view.path("blocks").get(2).path("element").path("initial_option").path("value").asString())
			.isEqualTo("14400");
		assertThat(view.path("blocks").get(3).path("element").path("options")).hasSize(10);
	}

	@Test
	void aLiveCardShowsIncidentViewsLeftExpiryAndRevoke() {
		JsonNode blocks = parse(ShareMessages.card(LIVE));

		assertThat(blocks.toString()).contains("shared by <@U0ALICE01>")
			.contains("`6f1f9d59-3b47-4a43-9f6e-4c5a0d3e8b11`")
			.contains("2 of 3")
			.contains("<!date^1714564800^{date_short_pretty} {time}|2024-05-01T12:00:00Z>");
		JsonNode button = blocks.get(3).path("elements").get(0);
		assertThat(button.path("action_id").asString()).isEqualTo("diagnostics:revoke");
		assertThat(button.path("value").asString()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
		assertThat(button.path("confirm").isObject()).isTrue();
	}

	@Test
	void anEndedCardHasNoRevokeButtonAndSaysWhy() {
		ShareSummary burned = new ShareSummary(LIVE.id(), ShareState.BURNED, 0, 3, LIVE.expiresAt(), "U0ALICE01", "", LIVE.audience());

		String blocks = ShareMessages.card(burned);

		assertThat(blocks).contains("Burned: every view was used").contains("*Incident*\\n—")
			.doesNotContain("diagnostics:revoke");
	}

	@Test
	void theLinkMessageCarriesTheLinkAndTheDeadLinkDoesNot() {
		URI link = URI.create("https://wk.example.com/d/AAAAAAAAAAAAAAAAAAAAAA#" + "k".repeat(43));

		assertThat(ShareMessages.link(link, 1)).contains("<" + link + "|Open the encrypted diagnostics>")
			.contains("one view");
		assertThat(ShareMessages.deadLink(ShareState.EXPIRED)).doesNotContain("/d/").contains("(expired)");
	}

	@Test
	void noticesSayWhoWhenAndViewsLeft() {
		Instant at = Instant.parse("2024-05-01T10:00:00Z");

		assertThat(ShareMessages.revealedNotice("browser", at, 1))
			.isEqualTo(":eyes: Revealed by someone holding the link (browser, no Slack sign-in) "
					+ "<!date^1714557600^{date_short_pretty} {time}|2024-05-01T10:00:00Z> · 1 view left");
		assertThat(ShareMessages.refusedNotice("wrong passphrase", at, 2)).contains("refused (wrong passphrase)")
			.contains("no view was used")
			.contains("2 views left");
		assertThat(ShareMessages.revealedNotice("cli", at, 0)).endsWith("no views left: the link no longer works");
	}
}
