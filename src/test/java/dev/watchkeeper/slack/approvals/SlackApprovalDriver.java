package dev.watchkeeper.slack.approvals;

import dev.watchkeeper.approvals.ActionRequest;
import dev.watchkeeper.approvals.OffsetClock;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.SlackPayloads;
import dev.watchkeeper.testkit.SlackRequestSigner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays Slack's part in tests: signed slash commands, {@code block_actions} clicks and
 * {@code view_submission}s over real HTTP (signed at the application's clock time, which
 * tests may move), and reading back what Watchkeeper posted to the {@link FakeSlackApi}.
 */
final class SlackApprovalDriver {

	static final String CHANNEL = "C0OPS";

	private static final AtomicLong clicks = new AtomicLong(1_700_000_000_000_000L);

	private final URI events;

	private final OffsetClock clock;

	private final ObjectMapper json = new ObjectMapper();

	/**
	 * One client for every request, as Slack keeps connections open; HTTP/1.1 like
	 * Slack's deliveries.
	 */
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	SlackApprovalDriver(int port, OffsetClock clock) {
		this.events = URI.create("http://127.0.0.1:" + port + "/slack/events");
		this.clock = clock;
	}

	SlackRequestSigner signer() {
		return SlackRequestSigner.withTestSecret().at(clock.instant());
	}

	FakeSlackApi slack() {
		return FakeSlackApi.shared();
	}

	/**
	 * {@code /wk <text>} typed by {@code user} in {@link #CHANNEL}; later answers land in
	 * the fake's response_url.
	 */
	HttpResponse<String> command(SlackUserId user, String text) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("token", "legacy-verification-token");
		form.put("team_id", FakeSlackApi.TEAM_ID);
		form.put("team_domain", "example");
		form.put("channel_id", CHANNEL);
		form.put("channel_name", "ops");
		form.put("user_id", user.value());
		form.put("user_name", user.value().toLowerCase());
		form.put("command", "/wk");
		form.put("text", text);
		form.put("api_app_id", "A0APP");
		form.put("response_url", slack().responseUrl());
		form.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
		String body = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(signed(body));
	}

	/** A fresh, unique {@code action_ts}, as Slack gives every click. */
	static String nextActionTs() {
		long value = clicks.incrementAndGet();
		return (value / 1_000_000) + "." + String.format("%06d", value % 1_000_000);
	}

	HttpResponse<String> click(String actionId, String value, SlackUserId user, Posted message) {
		return send(signedClick(actionId, value, user, message, nextActionTs()));
	}

	/** Sends a signed request (again, for a replay) on the shared connection pool. */
	HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A signed click, kept to be sent again byte for byte (a replay). */
	HttpRequest signedClick(String actionId, String value, SlackUserId user, Posted message, String actionTs) {
		String payload = SlackPayloads.buttonClick(actionId, ApprovalBlocks.ACTIONS_BLOCK, value, user.value(),
				message.channel(), message.ts(), actionTs, slack().responseUrl());
		return signed("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
	}

	HttpResponse<String> submitDenial(SlackUserId user, String viewId, String privateMetadata, String reason) {
		ObjectNode payload = json.createObjectNode();
		payload.put("type", "view_submission");
		payload.putObject("team").put("id", FakeSlackApi.TEAM_ID).put("domain", "example");
		payload.putObject("user")
			.put("id", user.value())
			.put("username", user.value().toLowerCase())
			.put("name", user.value().toLowerCase())
			.put("team_id", FakeSlackApi.TEAM_ID);
		payload.put("api_app_id", "A0APP");
		payload.put("token", "legacy-verification-token");
		payload.put("trigger_id", "trigger-" + viewId);
		ObjectNode view = payload.putObject("view");
		view.put("id", viewId);
		view.put("team_id", FakeSlackApi.TEAM_ID);
		view.put("type", "modal");
		view.putArray("blocks");
		view.put("private_metadata", privateMetadata);
		view.put("callback_id", ApprovalBlocks.DENY_DIALOG);
		view.putObject("state")
			.putObject("values")
			.putObject(ApprovalBlocks.REASON_BLOCK)
			.putObject(ApprovalBlocks.REASON_INPUT)
			.put("type", "plain_text_input")
			.put("value", reason);
		view.put("hash", "156772938.1827394");
		view.putObject("title").put("type", "plain_text").put("text", "Deny request");
		payload.putArray("response_urls");
		return send(signed("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8)));
	}

	private HttpRequest signed(String form) {
		byte[] body = form.getBytes(StandardCharsets.UTF_8);
		String ts = Long.toString(clock.instant().getEpochSecond());
		return HttpRequest.newBuilder(events)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Slack-Request-Timestamp", ts)
			.header("X-Slack-Signature", signer().signature(ts, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	/** The approval message Watchkeeper posted for this request, if any yet. */
	Optional<Posted> posted(ActionRequest request) {
		return slack().successfulCalls("chat.postMessage")
			.stream()
			.filter(c -> c.param("blocks").contains(request.id().shortForm()))
			.findFirst()
			.map(c -> new Posted(c.param("channel"), c.ts(), buttonValue(c.param("blocks"), ApprovalBlocks.APPROVE),
					normalized(c.param("blocks"))));
	}

	/** The latest blocks Watchkeeper posted or edited for this request. */
	String latestBlocks(ActionRequest request) {
		List<FakeSlackApi.SlackCall> writes = slack().calls()
			.stream()
			.filter(FakeSlackApi.SlackCall::succeeded)
			.filter(c -> c.method().equals("chat.postMessage") || c.method().equals("chat.update"))
			.filter(c -> c.param("blocks").contains(request.id().shortForm()))
			.toList();
		return writes.isEmpty() ? "" : normalized(writes.get(writes.size() - 1).param("blocks"));
	}

	/**
	 * Blocks as plain JSON: Bolt's Gson writes {@code <} as {@code \u003c}, which hides
	 * what Slack will show.
	 */
	String normalized(String blocks) {
		return blocks.isBlank() ? blocks : json.readTree(blocks).toString();
	}

	/** What the clicking users were told (ephemeral answers through response_url). */
	List<String> ephemeralAnswers() {
		return slack().calls("response_url").stream().map(c -> c.param("text")).collect(Collectors.toList());
	}

	String buttonValue(String blocks, String actionId) {
		if (blocks.isBlank()) {
			return "";
		}
		for (JsonNode block : json.readTree(blocks)) {
			JsonNode elements = block.get("elements");
			if (elements == null) {
				continue;
			}
			for (JsonNode element : elements) {
				if (element.has("action_id") && element.get("action_id").asString().equals(actionId)) {
					return element.get("value").asString();
				}
			}
		}
		return "";
	}

	JsonNode tree(String text) {
		return json.readTree(text);
	}

	static boolean hasButtons(String blocks) {
		return blocks.contains(ApprovalBlocks.APPROVE);
	}

	static List<JsonNode> list(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).toList();
	}

	/** A posted approval message: where it is, and the value its buttons carry. */
	record Posted(String channel, String ts, String ticket, String blocks) {
	}

}
