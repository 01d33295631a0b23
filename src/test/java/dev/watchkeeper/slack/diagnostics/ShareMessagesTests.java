package dev.watchkeeper.slack.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.diagnostics.ShareAudience;
import dev.watchkeeper.diagnostics.ShareId;
import dev.watchkeeper.diagnostics.ShareState;
import dev.watchkeeper.diagnostics.ShareSummary;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

	static final ShareOrigin ORIGIN = ShareOrigin.of("C0INCIDENT", "", "");

	static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

	static final String WHEN = "<!date^1714557600^{date_short_pretty} {time}|2024-05-01T10:00:00Z>";

	@Test
	void theModalSaysTheServerEncryptsInMemoryAndForgetsTheText() {
		JsonNode view = parse(ShareMessages.modal(ORIGIN, Duration.ofHours(4), 1, 10, true));

		assertThat(view.path("callback_id").asString()).isEqualTo("diagnostics:share");
		assertThat(ShareOrigin.fromJson(view.path("private_metadata").asString())).isEqualTo(ORIGIN);
		assertThat(view.toString()).contains("encrypts it on the server, in memory").contains("forgets the text");
		assertThat(view.path("blocks").get(1).path("element").path("max_length").asInt()).isEqualTo(3000);
		assertThat(view.path("blocks").get(2).path("element").path("initial_option").path("value").asString())
			.isEqualTo("14400");
		assertThat(view.path("blocks").get(3).path("element").path("options")).hasSize(10);
	}

	@Test
	void theModalOffersAnOptionalPickerOfPeopleThatLeavesRoomForTheCreator() {
		JsonNode view = parse(ShareMessages.modal(ORIGIN, Duration.ofHours(4), 1, 10, true));

		JsonNode picker = block(view, "audience");
		assertThat(picker.path("type").asString()).isEqualTo("input");
		assertThat(picker.path("optional").asBoolean()).isTrue();
		assertThat(picker.path("label").path("text").asString()).isEqualTo("Only these people");
		assertThat(picker.path("element").path("type").asString()).isEqualTo("multi_users_select");
		assertThat(picker.path("element").path("action_id").asString()).isEqualTo("audience");
		assertThat(picker.path("element").path("max_selected_items").asInt()).isEqualTo(ShareAudience.MAX_USERS - 1);
		assertThat(picker.path("hint").path("text").asString()).contains("Leave empty for everyone in this channel")
			.contains("You are always included");
	}

	@Test
	void theModalSaysWhoCanOpenItAndThatSignInEnforcesIt() {
		String enforced = parse(ShareMessages.modal(ORIGIN, Duration.ofHours(4), 1, 10, true)).toString();

		assertThat(enforced).contains("*Who can open it:* the members of <#C0INCIDENT>, or only the people you choose")
			.contains("signed in with Slack")
			.doesNotContain("not enforced");
	}

	@Test
	void withoutSignInTheModalSaysTheLinkAloneIsEnough() {
		String open = parse(ShareMessages.modal(ORIGIN, Duration.ofHours(4), 1, 10, false)).toString();

		assertThat(open).contains("anyone holding the link can open it; the audience is recorded but not enforced")
			.contains("Sign in with Slack is not configured")
			.contains("<#C0INCIDENT>");
	}

	@Test
	void theCardSaysWhoCanOpenIt() {
		ShareSummary named = withAudience(
				ShareAudience.users(List.of("U0BOB0001", "U0CAROL01")).including("U0ALICE01"));

		assertThat(whoField(ShareMessages.card(LIVE, true))).isEqualTo("*Who can open*\nmembers of <#C0INCIDENT>");
		assertThat(whoField(ShareMessages.card(named, true)))
			.isEqualTo("*Who can open*\n<@U0BOB0001>, <@U0CAROL01>, <@U0ALICE01>");
		assertThat(whoField(ShareMessages.card(withAudience(ShareAudience.TEAM), true)))
			.isEqualTo("*Who can open*\nanyone in the workspace");
		assertThat(ShareMessages.cardFallback(named, true))
			.endsWith("Who can open: <@U0BOB0001>, <@U0CAROL01>, <@U0ALICE01>");
	}

	@Test
	void withoutSignInTheCardSaysAnyoneWithTheLinkCanOpenIt() {
		assertThat(whoField(ShareMessages.card(LIVE, false)))
			.isEqualTo("*Who can open*\nmembers of <#C0INCIDENT> (anyone with the link: Sign in with Slack is off)");
		assertThat(ShareMessages.cardFallback(LIVE, false))
			.endsWith("Who can open: members of <#C0INCIDENT> (anyone with the link: Sign in with Slack is off)");
	}

	@Test
	void aLiveCardShowsIncidentViewsLeftExpiryAndRevoke() {
		JsonNode blocks = parse(ShareMessages.card(LIVE, true));

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
		ShareSummary burned = new ShareSummary(LIVE.id(), ShareState.BURNED, 0, 3, LIVE.expiresAt(), "U0ALICE01", "",
				LIVE.audience());

		String blocks = ShareMessages.card(burned, true);

		assertThat(blocks).contains("Burned: every view was used")
			.contains("*Incident*\\n—")
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
		assertThat(ShareMessages.revealedNotice("anonymous", "browser", AT, 1)).isEqualTo(
				":eyes: Revealed by someone holding the link (browser, no Slack sign-in) " + WHEN + " · 1 view left");
		assertThat(ShareMessages.refusedNotice("anonymous", "wrong passphrase", AT, 2))
			.isEqualTo(":no_entry_sign: A reveal was refused (wrong passphrase) " + WHEN
					+ "; no view was used · 2 views left");
		assertThat(ShareMessages.revealedNotice("anonymous", "cli", AT, 0))
			.endsWith("no views left: the link no longer works");
	}

	@Test
	void noticesNameTheSignedInPerson() {
		assertThat(ShareMessages.revealedNotice("U0BOB0001", "browser", AT, 2))
			.isEqualTo(":eyes: Revealed by <@U0BOB0001> (browser) " + WHEN + " · 2 views left");
		assertThat(ShareMessages.refusedNotice("U0MALLORY", "not in the share's audience", AT, 1))
			.isEqualTo(":no_entry_sign: A reveal by <@U0MALLORY> was refused (not in the share's audience) " + WHEN
					+ "; no view was used · 1 view left");
	}

	@Test
	void onlyASlackUserIdBecomesAMention() {
		assertThat(ShareMessages.mention("W0ENTERPRISE")).contains("<@W0ENTERPRISE>");
		assertThat(ShareMessages.mention("anonymous")).isEmpty();
		assertThat(ShareMessages.mention("<!channel>")).isEmpty();
		assertThat(ShareMessages.revealedNotice("U0X> <!channel", "browser", AT, 1)).doesNotContain("<!channel")
			.contains("someone holding the link");
	}

	private static ShareSummary withAudience(ShareAudience audience) {
		return new ShareSummary(LIVE.id(), LIVE.state(), LIVE.viewsLeft(), LIVE.maxViews(), LIVE.expiresAt(),
				LIVE.createdBy(), LIVE.incidentId(), audience);
	}

	/** The text of the card's "Who can open" field. */
	private static String whoField(String card) {
		for (JsonNode field : parse(card).get(1).path("fields")) {
			String text = field.path("text").asString();
			if (text.startsWith("*Who can open*")) {
				return text;
			}
		}
		throw new AssertionError("no Who can open field in " + card);
	}

	private static JsonNode block(JsonNode view, String blockId) {
		for (JsonNode block : view.path("blocks")) {
			if (block.path("block_id").asString().equals(blockId)) {
				return block;
			}
		}
		throw new AssertionError("no block " + blockId + " in " + view);
	}

	@Test
	void refusalThatDestroyedTheShareSaysSoInsteadOfNoViewUsed() {
		assertThat(ShareMessages.refusedNotice("anonymous", "too many wrong passphrases: share destroyed", AT, 0, true))
			.contains("the share was destroyed")
			.doesNotContain("no view was used");
	}

	@Test
	void directMessageAudienceIsNamedAsThePeopleInTheConversation() {
		assertThat(ShareMessages.whoCanOpen(ShareAudience.channel("D0DIRECT1"), true))
			.isEqualTo("the people in this conversation");
	}

}
