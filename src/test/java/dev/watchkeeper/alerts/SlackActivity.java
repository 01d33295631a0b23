package dev.watchkeeper.alerts;

import static org.awaitility.Awaitility.await;

import dev.watchkeeper.testkit.FakeSlackApi;
import dev.watchkeeper.testkit.FakeSlackApi.SlackCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Watchkeeper did in the fake Slack, per incident message, and a wait until it has
 * nothing left to do.
 */
public final class SlackActivity {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FakeSlackApi slack;

	public SlackActivity(FakeSlackApi slack) {
		this.slack = slack;
	}

	/** Top-level messages posted whose text or blocks mention {@code marker}. */
	public List<SlackCall> posts(String marker) {
		return slack.successfulCalls("chat.postMessage")
			.stream()
			.filter(c -> c.param("thread_ts").isEmpty())
			.filter(c -> c.param("text").contains(marker) || c.param("blocks").contains(marker))
			.toList();
	}

	public List<SlackCall> updates(String ts) {
		return slack.successfulCalls("chat.update").stream().filter(c -> c.param("ts").equals(ts)).toList();
	}

	public List<SlackCall> replies(String ts) {
		return slack.successfulCalls("chat.postMessage").stream().filter(c -> c.param("thread_ts").equals(ts)).toList();
	}

	/**
	 * Every string of a recorded post or update (text and decoded blocks), as Slack would
	 * show them.
	 */
	public static List<String> strings(SlackCall call) {
		List<String> strings = new ArrayList<>();
		strings.add(call.param("text"));
		if (!call.param("blocks").isEmpty()) {
			collect(JSON.readTree(call.param("blocks")), strings);
		}
		return strings;
	}

	/**
	 * The latest state of a message: its last update, or the post when it was never
	 * updated.
	 */
	public SlackCall latest(SlackCall post) {
		List<SlackCall> updates = updates(post.ts());
		return updates.isEmpty() ? post : updates.get(updates.size() - 1);
	}

	private static void collect(JsonNode node, List<String> strings) {
		if (node.isString()) {
			strings.add(node.asString());
		}
		node.forEach(child -> collect(child, strings));
	}

	/**
	 * Waits until every event is handled and every outbox entry delivered (or parked).
	 */
	public static void awaitIdle(JdbcClient jdbc) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc
				.sql("SELECT (SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL)"
						+ " + (SELECT COUNT(*) FROM slack_outbox WHERE status IN ('PENDING', 'SENDING'))")
				.query(Long.class)
				.single() == 0);
	}

}
