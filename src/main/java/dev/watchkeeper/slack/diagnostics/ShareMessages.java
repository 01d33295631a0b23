package dev.watchkeeper.slack.diagnostics;

import dev.watchkeeper.diagnostics.ShareAudience;
import dev.watchkeeper.diagnostics.ShareState;
import dev.watchkeeper.diagnostics.ShareSummary;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pure functions from share facts to Slack messages (Block Kit JSON and mrkdwn). Nothing
 * a user typed is ever put into these texts: user and channel ids are validated ids
 * ({@link ShareAudience} checks them, {@link #mention} checks actors), incident ids are
 * UUIDs, share ids are base64url.
 */
final class ShareMessages {

	static final String SHARE_CALLBACK = "diagnostics:share";

	static final String REVOKE_ACTION = "diagnostics:revoke";

	/** Block and action id of the modal's optional "Only these people" picker. */
	static final String AUDIENCE_FIELD = "audience";

	/**
	 * People the picker takes: the creator is added to the audience, so with them it fits
	 * {@link ShareAudience}.
	 */
	static final int MAX_PICKED_USERS = ShareAudience.MAX_USERS - 1;

	/**
	 * A Slack user id; only these become mentions (actors are otherwise
	 * {@code anonymous}).
	 */
	private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,31}");

	/** The choices of lifetime in the modal, in seconds, with their labels. */
	static final List<Choice> TTL_CHOICES = List.of(new Choice("300", "5 minutes"), new Choice("3600", "1 hour"),
			new Choice("14400", "4 hours"), new Choice("86400", "24 hours"), new Choice("259200", "3 days"),
			new Choice("604800", "7 days"));

	/** Slack's longest plain_text_input. */
	static final int MAX_TEXT = 3000;

	private static final ObjectMapper json = JsonMapper.builder().build();

	private ShareMessages() {
	}

	record Choice(String value, String label) {
	}

	/**
	 * The modal for pasted text; says plainly where the text is encrypted, what Slack has
	 * seen, and who can open the link (and whether that is enforced).
	 */
	static String modal(ShareOrigin origin, Duration defaultTtl, int defaultViews, int maxViews,
			boolean audienceEnforced) {
		ObjectNode view = json.createObjectNode();
		view.put("type", "modal");
		view.put("callback_id", SHARE_CALLBACK);
		view.put("private_metadata", origin.toJson());
		view.set("title", plain("Share diagnostics"));
		view.set("submit", plain("Encrypt and share"));
		view.set("close", plain("Cancel"));
		ArrayNode blocks = view.putArray("blocks");
		blocks.add(section(":lock: Paste a log, thread dump or config snippet. Watchkeeper *encrypts it on the server, "
				+ "in memory*, stores only the ciphertext, *forgets the text* and posts an expiring link that link "
				+ "previews cannot burn."));
		ObjectNode text = blocks.addObject();
		text.put("type", "input");
		text.put("block_id", "text");
		text.set("label", plain("Text to share"));
		ObjectNode input = text.putObject("element");
		input.put("type", "plain_text_input");
		input.put("action_id", "text");
		input.put("multiline", true);
		input.put("max_length", MAX_TEXT);
		blocks.add(select("ttl", "Expires after", TTL_CHOICES, closestTtl(defaultTtl)));
		List<Choice> views = new ArrayList<>();
		for (int i = 1; i <= maxViews; i++) {
			views.add(new Choice(Integer.toString(i), i == 1 ? "1 (burn after reading)" : Integer.toString(i)));
		}
		blocks.add(select("views", "Views", views, views.get(Math.min(defaultViews, maxViews) - 1)));
		blocks.add(section(whoCanOpenInModal(origin.channel(), audienceEnforced)));
		ObjectNode audience = blocks.addObject();
		audience.put("type", "input");
		audience.put("block_id", AUDIENCE_FIELD);
		audience.put("optional", true);
		audience.set("label", plain("Only these people"));
		audience.set("hint", plain("Leave empty for everyone in this channel. You are always included (up to "
				+ MAX_PICKED_USERS + " others)."));
		ObjectNode picker = audience.putObject("element");
		picker.put("type", "multi_users_select");
		picker.put("action_id", AUDIENCE_FIELD);
		picker.put("max_selected_items", MAX_PICKED_USERS);
		picker.set("placeholder", plain("Everyone in the channel"));
		blocks.add(context("Slack has seen what you paste here. For files, or so that nothing readable passes "
				+ "through Slack or Watchkeeper, use `/d/new` in the browser or `java -jar watchkeeper.jar share FILE`: "
				+ "both encrypt on your machine."));
		return json.writeValueAsString(view);
	}

	private static String whoCanOpenInModal(String channel, boolean enforced) {
		String audience = "the members of " + channelMention(channel)
				+ ", or only the people you choose below (and you)";
		if (enforced) {
			return ":busts_in_silhouette: *Who can open it:* " + audience
					+ ", signed in with Slack. Anyone else is refused and uses no view.";
		}
		return ":busts_in_silhouette: *Who can open it:* anyone holding the link can open it; the audience is "
				+ "recorded but not enforced, because Sign in with Slack is not configured. Audience: " + audience
				+ ".";
	}

	private static Choice closestTtl(Duration ttl) {
		Choice best = TTL_CHOICES.get(3);
		long distance = Long.MAX_VALUE;
		for (Choice choice : TTL_CHOICES) {
			long d = Math.abs(Long.parseLong(choice.value()) - ttl.toSeconds());
			if (d < distance) {
				distance = d;
				best = choice;
			}
		}
		return best;
	}

	/**
	 * The card: who shared, incident, views left, expiry, and Revoke while the share is
	 * live.
	 */
	static String card(ShareSummary share, boolean audienceEnforced) {
		ArrayNode blocks = json.createArrayNode();
		boolean live = share.state().live();
		blocks.add(section(live ? ":lock: *Encrypted diagnostics* shared by <@" + share.createdBy() + ">"
				: ":lock: ~Encrypted diagnostics~ shared by <@" + share.createdBy() + "> · *" + ended(share.state())
						+ "*"));
		ObjectNode fields = blocks.addObject();
		fields.put("type", "section");
		ArrayNode list = fields.putArray("fields");
		list.add(mrkdwn("*Incident*\n" + (share.incidentId().isEmpty() ? "—" : "`" + share.incidentId() + "`")));
		list.add(mrkdwn("*Views left*\n" + share.viewsLeft() + " of " + share.maxViews()));
		list.add(mrkdwn("*Expires*\n" + date(share.expiresAt())));
		list.add(mrkdwn("*Who can open*\n" + whoCanOpen(share.audience(), audienceEnforced)));
		if (live) {
			blocks.add(context("The link is in the thread. Opening it, or a link preview, uses nothing; pressing "
					+ "*Reveal* on the page uses one view."));
			ObjectNode actions = blocks.addObject();
			actions.put("type", "actions");
			actions.put("block_id", "diagnostics:card");
			ObjectNode revoke = actions.putArray("elements").addObject();
			revoke.put("type", "button");
			revoke.put("action_id", REVOKE_ACTION);
			revoke.put("style", "danger");
			revoke.put("value", share.id().value());
			revoke.set("text", plain("Revoke"));
			ObjectNode confirm = revoke.putObject("confirm");
			confirm.set("title", plain("Revoke this share?"));
			confirm.set("text", plain("The link stops working for everyone, at once and for good."));
			confirm.set("confirm", plain("Revoke"));
			confirm.set("deny", plain("Keep"));
		}
		return json.writeValueAsString(blocks);
	}

	static String cardFallback(ShareSummary share, boolean audienceEnforced) {
		return "Encrypted diagnostics shared by <@" + share.createdBy() + ">: " + share.viewsLeft() + " of "
				+ share.maxViews() + " views left. Who can open: " + whoCanOpen(share.audience(), audienceEnforced);
	}

	/**
	 * "members of #channel", the named people, or the whole workspace; with a note when
	 * only the link counts. The ids were validated by {@link ShareAudience}, so they
	 * cannot carry mrkdwn.
	 */
	static String whoCanOpen(ShareAudience audience, boolean enforced) {
		List<String> parts = new ArrayList<>();
		if (audience.channel() != null) {
			// a share started in a direct message: its people, not a channel's members
			parts.add(audience.channel().startsWith("D") ? "the people in this conversation"
					: "members of " + channelMention(audience.channel()));
		}
		audience.users().forEach(user -> parts.add("<@" + user + ">"));
		String who = parts.isEmpty() ? "anyone in the workspace" : String.join(", ", parts);
		return enforced ? who : who + " (anyone with the link: Sign in with Slack is off)";
	}

	private static String channelMention(String channel) {
		return "<#" + channel + ">";
	}

	/**
	 * {@code <@U…>} when the actor is a Slack user id; empty for {@code anonymous} and
	 * anything else.
	 */
	static Optional<String> mention(String actor) {
		return USER_ID.matcher(actor).matches() ? Optional.of("<@" + actor + ">") : Optional.empty();
	}

	/** The one message that carries the link; posted with unfurling off. */
	static String link(URI link, int views) {
		return ":key: <" + link + "|Open the encrypted diagnostics> — " + (views == 1 ? "one view" : views + " views")
				+ ". The key is the part after the #; Watchkeeper does not keep it.";
	}

	/**
	 * What replaces the link message once the share has ended: the dead link leaves the
	 * channel history.
	 */
	static String deadLink(ShareState state) {
		return ":no_entry: The link to these diagnostics no longer works (" + ended(state).toLowerCase() + ").";
	}

	/**
	 * @param actor the signed-in Slack user id, or {@code anonymous} when the link alone
	 * was enough
	 */
	static String revealedNotice(String actor, String client, Instant at, int viewsLeft) {
		String who = mention(actor).map(user -> user + " (" + client + ")")
			.orElse("someone holding the link (" + client + ", no Slack sign-in)");
		return ":eyes: Revealed by " + who + " " + date(at) + " · " + viewsLeftText(viewsLeft);
	}

	/**
	 * @param actor the signed-in Slack user id, or {@code anonymous}
	 */
	static String refusedNotice(String actor, String why, Instant at, int viewsLeft) {
		return refusedNotice(actor, why, at, viewsLeft, false);
	}

	/**
	 * @param destroyed the refusal ended the share (the last allowed wrong passphrase)
	 */
	static String refusedNotice(String actor, String why, Instant at, int viewsLeft, boolean destroyed) {
		String attempt = mention(actor).map(user -> "A reveal by " + user).orElse("A reveal");
		String consequence = destroyed ? "; the share was destroyed and the link no longer works"
				: "; no view was used · " + viewsLeftText(viewsLeft);
		return ":no_entry_sign: " + attempt + " was refused (" + why + ") " + date(at) + consequence;
	}

	static String moreRefusalsNotice() {
		return ":no_entry_sign: Further refused attempts are recorded in the audit log only.";
	}

	static String revokedNotice(String actor, Instant at) {
		return ":wastebasket: Revoked by " + actor + " " + date(at) + ": the link no longer works.";
	}

	static String expiredNotice(Instant at) {
		return ":hourglass: Expired " + date(at) + ": the link no longer works.";
	}

	private static String viewsLeftText(int viewsLeft) {
		return viewsLeft == 0 ? "no views left: the link no longer works"
				: viewsLeft + (viewsLeft == 1 ? " view left" : " views left");
	}

	private static String ended(ShareState state) {
		return switch (state) {
			case BURNED -> "Burned: every view was used";
			case REVOKED -> "Revoked";
			case EXPIRED -> "Expired";
			case PENDING, READY -> "Live";
		};
	}

	/** Slack renders this in each reader's time zone; the ISO text is the fallback. */
	static String date(Instant at) {
		return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + at + ">";
	}

	private static ObjectNode section(String text) {
		ObjectNode section = json.createObjectNode();
		section.put("type", "section");
		section.set("text", mrkdwn(text));
		return section;
	}

	private static ObjectNode context(String text) {
		ObjectNode context = json.createObjectNode();
		context.put("type", "context");
		context.putArray("elements").add(mrkdwn(text));
		return context;
	}

	private static ObjectNode select(String id, String label, List<Choice> choices, Choice initial) {
		ObjectNode block = json.createObjectNode();
		block.put("type", "input");
		block.put("block_id", id);
		block.set("label", plain(label));
		ObjectNode element = block.putObject("element");
		element.put("type", "static_select");
		element.put("action_id", id);
		ArrayNode options = element.putArray("options");
		for (Choice choice : choices) {
			options.add(option(choice));
		}
		element.set("initial_option", option(initial));
		return block;
	}

	private static ObjectNode option(Choice choice) {
		ObjectNode option = json.createObjectNode();
		option.set("text", plain(choice.label()));
		option.put("value", choice.value());
		return option;
	}

	private static ObjectNode plain(String text) {
		ObjectNode node = json.createObjectNode();
		node.put("type", "plain_text");
		node.put("text", text);
		return node;
	}

	private static ObjectNode mrkdwn(String text) {
		ObjectNode node = json.createObjectNode();
		node.put("type", "mrkdwn");
		node.put("text", text);
		return node;
	}

}
