package dev.watchkeeper.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Slack Web API on loopback that answers like Slack: {@code {"ok":true,...}} with
 * realistic fields, {@code {"ok":false,"error":"channel_not_found"}} when told to fail,
 * HTTP 429 with {@code Retry-After} when told to rate-limit or when a channel is written
 * faster than the configured per-channel limit. Every call is recorded with its decoded
 * parameters (form or JSON bodies), so tests assert on what Watchkeeper really sent.
 * <p>
 * One instance per test JVM ({@link #shared()}); call {@link #reset()} before each test.
 */
public final class FakeSlackApi {

	public static final String BOT_USER_ID = "UWKBOT0001";

	public static final String TEAM_ID = "T0TEAM";

	private static FakeSlackApi shared;

	private final WireMockServer server;

	private final ObjectMapper json = new ObjectMapper();

	private final List<SlackCall> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();

	private final Map<String, List<String>> usergroups = new ConcurrentHashMap<>();

	private final Map<String, List<String>> channelMembers = new ConcurrentHashMap<>();

	private final Map<String, Instant> lastWriteByChannel = new ConcurrentHashMap<>();

	private final AtomicLong tsCounter = new AtomicLong(1_700_000_000_000_100L);

	/**
	 * Messages posted so far, oldest first, for conversations.history and
	 * conversations.replies.
	 */
	private final List<StoredMessage> messages = new CopyOnWriteArrayList<>();

	private volatile Duration channelWriteInterval;

	private volatile int rateLimitedResponses;

	private FakeSlackApi() {
		server = new WireMockServer(WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.dynamicPort()
			.containerThreads(32)
			.extensions(new SlackBehaviour()));
		server.start();
		server.stubFor(any(urlPathMatching("/.*")).willReturn(ok()));
	}

	/** The fake for this test JVM, started on first use. */
	public static synchronized FakeSlackApi shared() {
		if (shared == null) {
			shared = new FakeSlackApi();
			Runtime.getRuntime().addShutdownHook(new Thread(shared.server::stop));
		}
		return shared;
	}

	/** Base URL to set as {@code watchkeeper.slack.api-url}. */
	public URI apiUrl() {
		return URI.create("http://127.0.0.1:" + server.port() + "/api/");
	}

	/**
	 * A {@code response_url} that lands in this fake (recorded as method
	 * {@code response_url}).
	 */
	public String responseUrl() {
		return "http://127.0.0.1:" + server.port() + "/respond/T0TEAM/1/abc";
	}

	public synchronized void reset() {
		calls.clear();
		messages.clear();
		failures.clear();
		usergroups.clear();
		channelMembers.clear();
		lastWriteByChannel.clear();
		channelWriteInterval = null;
		rateLimitedResponses = 0;
		server.resetRequests();
	}

	/**
	 * The next call of {@code method} answers {@code {"ok":false,"error":error}} (HTTP
	 * 200, as Slack does).
	 */
	public void failNext(String method, String error) {
		failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Failure(error, 0));
	}

	/**
	 * The next call of {@code method} is answered normally; queued before
	 * {@link #failNext}, it lets a later call fail (the second page of a paginated
	 * method).
	 */
	public void passNext(String method) {
		failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(PASS);
	}

	/**
	 * The next call of {@code method} answers HTTP 429 with {@code Retry-After: seconds}.
	 */
	public void rateLimitNext(String method, int retryAfterSeconds) {
		failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Failure("ratelimited", retryAfterSeconds));
	}

	/**
	 * Enforces Slack's per-channel write limit: a
	 * {@code chat.postMessage}/{@code chat.update} to a channel sooner than
	 * {@code interval} after the previous one answers 429 with {@code Retry-After: 1}.
	 */
	public void enforceChannelWriteInterval(Duration interval) {
		this.channelWriteInterval = interval;
	}

	public int rateLimitedResponses() {
		return rateLimitedResponses;
	}

	/** Members of a user group, for {@code usergroups.users.list}. */
	public void usergroup(String groupId, List<String> userIds) {
		usergroups.put(groupId, List.copyOf(userIds));
	}

	/**
	 * Members of a channel, for {@code conversations.members} (paginated like Slack); a
	 * channel never given here answers {@code channel_not_found}. Calling it again
	 * replaces the members, e.g. to invite someone.
	 */
	public void channelMembers(String channelId, List<String> userIds) {
		channelMembers.put(channelId, List.copyOf(userIds));
	}

	public List<SlackCall> calls() {
		return List.copyOf(calls);
	}

	public List<SlackCall> calls(String method) {
		return calls.stream().filter(c -> c.method().equals(method)).toList();
	}

	/** Calls Slack answered with ok:true (what really changed in the workspace). */
	public List<SlackCall> successfulCalls(String method) {
		return calls(method).stream().filter(SlackCall::succeeded).toList();
	}

	/**
	 * One recorded call.
	 *
	 * @param method Web API method ({@code chat.postMessage}) or {@code response_url}
	 * @param params decoded parameters; JSON values (blocks) stay JSON text
	 * @param status HTTP status answered
	 * @param error Slack error code answered, or empty
	 * @param ts the message timestamp answered, or empty
	 */
	public record SlackCall(String method, Map<String, String> params, Instant at, int status, String error,
			String ts) {

		public String param(String name) {
			return params.getOrDefault(name, "");
		}

		public boolean succeeded() {
			return status == 200 && error.isEmpty();
		}
	}

	private record Failure(String error, int retryAfterSeconds) {
	}

	/** A queued "answer normally". */
	private static final Failure PASS = new Failure("", 0);

	private record StoredMessage(String channel, String ts, String threadTs, String metadata) {
	}

	private final class SlackBehaviour implements ResponseTransformerV2 {

		@Override
		public String getName() {
			return "fake-slack";
		}

		@Override
		public Response transform(Response response, ServeEvent serveEvent) {
			Request request = serveEvent.getRequest();
			String path = request.getUrl().split("\\?")[0];
			String method = path.startsWith("/api/") ? path.substring(5) : "response_url";
			Map<String, String> params = params(request);
			synchronized (FakeSlackApi.this) {
				Failure failure = nextFailure(method);
				if (failure == null && channelWriteInterval != null && isChannelWrite(method)) {
					failure = checkChannelLimit(params.getOrDefault("channel", ""));
				}
				if (failure != null && failure.retryAfterSeconds() > 0) {
					rateLimitedResponses++;
					calls.add(new SlackCall(method, params, Instant.now(), 429, "ratelimited", ""));
					return Response.Builder.like(response)
						.but()
						.status(429)
						.headers(new HttpHeaders(
								new HttpHeader("Retry-After", Integer.toString(failure.retryAfterSeconds())),
								new HttpHeader("Content-Type", "application/json")))
						.body("{\"ok\":false,\"error\":\"ratelimited\"}")
						.build();
				}
				ObjectNode body = json.createObjectNode();
				String ts = "";
				if (failure != null) {
					body.put("ok", false);
					body.put("error", failure.error());
				}
				else {
					body.put("ok", true);
					ts = answer(method, params, body);
				}
				// the error Slack answered: a queued failure, or one the method itself
				// chose (channel_not_found)
				calls.add(new SlackCall(method, params, Instant.now(), 200, body.path("error").asString(""), ts));
				return Response.Builder.like(response)
					.but()
					.status(200)
					.headers(new HttpHeaders(new HttpHeader("Content-Type", "application/json; charset=utf-8")))
					.body(body.toString())
					.build();
			}
		}

		private Failure nextFailure(String method) {
			Deque<Failure> queue = failures.get(method);
			Failure next = queue == null ? null : queue.poll();
			return next == PASS ? null : next;
		}

		private boolean isChannelWrite(String method) {
			return method.equals("chat.postMessage") || method.equals("chat.update");
		}

		private Failure checkChannelLimit(String channel) {
			Instant now = Instant.now();
			Instant last = lastWriteByChannel.get(channel);
			if (last != null && last.plus(channelWriteInterval).isAfter(now)) {
				return new Failure("ratelimited", 1);
			}
			lastWriteByChannel.put(channel, now);
			return null;
		}

		/**
		 * Fills a Slack-shaped success body; returns the message ts when the method
		 * creates or edits one.
		 */
		private String answer(String method, Map<String, String> params, ObjectNode body) {
			switch (method) {
				case "auth.test" -> {
					body.put("url", "https://example.slack.com/");
					body.put("team", "Example");
					body.put("user", "watchkeeper");
					body.put("team_id", TEAM_ID);
					body.put("user_id", BOT_USER_ID);
					body.put("bot_id", "BWK0001");
					return "";
				}
				case "chat.postMessage" -> {
					String ts = nextTs();
					body.put("channel", params.getOrDefault("channel", ""));
					body.put("ts", ts);
					ObjectNode message = body.putObject("message");
					message.put("text", params.getOrDefault("text", ""));
					message.put("ts", ts);
					if (params.containsKey("thread_ts")) {
						message.put("thread_ts", params.get("thread_ts"));
					}
					messages.add(new StoredMessage(params.getOrDefault("channel", ""), ts,
							params.getOrDefault("thread_ts", ""), params.getOrDefault("metadata", "")));
					return ts;
				}
				case "conversations.history", "conversations.replies" -> {
					// history: the channel's top-level messages, newest first; replies: a
					// thread, oldest first
					String channel = params.getOrDefault("channel", "");
					String thread = params.getOrDefault("ts", "");
					boolean withMetadata = "true".equals(params.get("include_all_metadata"))
							|| "1".equals(params.get("include_all_metadata"));
					List<StoredMessage> found = new ArrayList<>();
					for (StoredMessage stored : messages) {
						boolean inThread = stored.ts().equals(thread) || stored.threadTs().equals(thread);
						if (stored.channel().equals(channel)
								&& (method.equals("conversations.history") ? stored.threadTs().isEmpty() : inThread)) {
							found.add(stored);
						}
					}
					if (method.equals("conversations.history")) {
						java.util.Collections.reverse(found);
					}
					var array = body.putArray("messages");
					for (StoredMessage stored : found) {
						ObjectNode message = array.addObject();
						message.put("type", "message");
						message.put("ts", stored.ts());
						message.put("bot_id", "BWK0001");
						if (!stored.threadTs().isEmpty()) {
							message.put("thread_ts", stored.threadTs());
						}
						if (withMetadata && !stored.metadata().isEmpty()) {
							message.set("metadata", json.readTree(stored.metadata()));
						}
					}
					body.put("has_more", false);
					return "";
				}
				case "chat.update" -> {
					body.put("channel", params.getOrDefault("channel", ""));
					body.put("ts", params.getOrDefault("ts", ""));
					body.put("text", params.getOrDefault("text", ""));
					return params.getOrDefault("ts", "");
				}
				case "chat.postEphemeral" -> {
					body.put("message_ts", nextTs());
					return "";
				}
				case "chat.getPermalink" -> {
					body.put("channel", params.getOrDefault("channel", ""));
					body.put("permalink", "https://example.slack.com/archives/" + params.getOrDefault("channel", "")
							+ "/p" + params.getOrDefault("message_ts", "").replace(".", ""));
					return "";
				}
				case "usergroups.users.list" -> {
					List<String> users = usergroups.get(params.getOrDefault("usergroup", ""));
					if (users == null) {
						body.put("ok", false);
						body.put("error", "no_such_subteam");
						return "";
					}
					var array = body.putArray("users");
					users.forEach(array::add);
					return "";
				}
				case "conversations.members" -> {
					// like Slack: unknown (or private, bot not in it) channel →
					// channel_not_found; pages of `limit`
					// (default 100, at most 1000) with an opaque cursor, "" on the last
					// page
					List<String> members = channelMembers.get(params.getOrDefault("channel", ""));
					if (members == null) {
						body.put("ok", false);
						body.put("error", "channel_not_found");
						return "";
					}
					int limit = Math.min(1000, Math.max(1, parseInt(params.get("limit"), 100)));
					String cursor = params.getOrDefault("cursor", "");
					int from = 0;
					if (!cursor.isEmpty()) {
						from = cursorOffset(cursor);
						if (from < 0 || from > members.size()) {
							body.put("ok", false);
							body.put("error", "invalid_cursor");
							return "";
						}
					}
					int to = Math.min(members.size(), from + limit);
					var array = body.putArray("members");
					members.subList(from, to).forEach(array::add);
					body.putObject("response_metadata").put("next_cursor", to < members.size() ? cursor(to) : "");
					return "";
				}
				case "users.info" -> {
					String id = params.getOrDefault("user", "");
					ObjectNode user = body.putObject("user");
					user.put("id", id);
					user.put("team_id", TEAM_ID);
					user.put("name", id.toLowerCase());
					user.put("real_name", "User " + id);
					user.putObject("profile").put("display_name", "user-" + id.toLowerCase());
					return "";
				}
				case "views.open", "views.update", "views.push" -> {
					ObjectNode view = body.putObject("view");
					view.put("id", "V" + tsCounter.incrementAndGet());
					view.put("type", "modal");
					return "";
				}
				default -> {
					return "";
				}
			}
		}

		private static int parseInt(String text, int fallback) {
			try {
				return text == null || text.isBlank() ? fallback : Integer.parseInt(text.strip());
			}
			catch (NumberFormatException ex) {
				return fallback;
			}
		}

		/**
		 * Slack's cursors are opaque base64 ({@code dXNlcjpVMDYxTkZUVDI=}); this one
		 * encodes the next offset.
		 */
		private static String cursor(int offset) {
			return Base64.getEncoder().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
		}

		private static int cursorOffset(String cursor) {
			try {
				String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
				return decoded.startsWith("offset:") ? Integer.parseInt(decoded.substring(7)) : -1;
			}
			catch (IllegalArgumentException ex) {
				return -1;
			}
		}

		private String nextTs() {
			long value = tsCounter.incrementAndGet();
			return (value / 1_000_000) + "." + String.format("%06d", value % 1_000_000);
		}

		private Map<String, String> params(Request request) {
			Map<String, String> params = new LinkedHashMap<>();
			String query = request.getUrl().contains("?")
					? request.getUrl().substring(request.getUrl().indexOf('?') + 1) : "";
			parseForm(query, params);
			String contentType = request.contentTypeHeader().isPresent() ? request.contentTypeHeader().mimeTypePart()
					: "";
			String body = request.getBodyAsString();
			if (contentType != null && contentType.contains("json") && !body.isBlank()) {
				JsonNode node = json.readTree(body);
				node.properties()
					.forEach(e -> params.put(e.getKey(),
							e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
			}
			else {
				parseForm(body, params);
			}
			String auth = request.getHeader("Authorization");
			if (auth != null && auth.startsWith("Bearer ")) {
				params.putIfAbsent("token", auth.substring(7));
			}
			return params;
		}

		private void parseForm(String text, Map<String, String> params) {
			if (text == null || text.isBlank()) {
				return;
			}
			for (String pair : text.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}

	}

	/** Convenience for tests: every text Watchkeeper posted or updated, in order. */
	public List<String> postedTexts() {
		List<String> texts = new ArrayList<>();
		for (SlackCall call : calls) {
			if (call.method().equals("chat.postMessage") || call.method().equals("chat.update")) {
				texts.add(call.param("text") + "\n" + call.param("blocks"));
			}
		}
		return texts;
	}

}
