package dev.watchkeeper.slack.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.testkit.EmbeddedPostgresSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code java -jar watchkeeper.jar outbox parked|requeue} against a real PostgreSQL
 * holding parked and delivered entries.
 */
class OutboxCommandIntegrationTests {

	String url;

	JdbcClient sql;

	final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

	final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

	@BeforeEach
	void setUp() {
		url = EmbeddedPostgresSupport.newDatabase();
		DriverManagerDataSource database = new DriverManagerDataSource(url, "postgres", "postgres");
		Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
		sql = JdbcClient.create(database);
		insert("C0GONE", "incident:1", "MESSAGE", "PARKED", "channel_not_found");
		insert("C0GONE", "incident:1", "REPLY", "PARKED", "parent_not_posted");
		insert("C0NOTIN", "approval:2", "MESSAGE", "PARKED", "not_in_channel");
		insert("C0FINE", "incident:3", "MESSAGE", "SENT", null);
	}

	@Test
	void parkedListsEveryParkedEntryWithItsError() throws Exception {
		int exit = run("parked");

		assertThat(exit).isZero();
		assertThat(out().lines().toList()).hasSize(3)
			.anyMatch(l -> l.contains("C0GONE") && l.contains("MESSAGE") && l.contains("channel_not_found"))
			.anyMatch(l -> l.contains("C0GONE") && l.contains("REPLY") && l.contains("parent_not_posted"))
			.anyMatch(l -> l.contains("C0NOTIN") && l.contains("approval:2") && l.contains("not_in_channel"))
			.noneMatch(l -> l.contains("C0FINE"));
		assertThat(err()).contains("3 parked");
	}

	@Test
	void requeueOfOneChannelPutsOnlyItsEntriesBackInTheQueueInOrder() throws Exception {
		int exit = run("requeue", "--channel", "C0GONE");

		assertThat(exit).isZero();
		assertThat(out()).isEqualTo("requeued 2 entries in C0GONE\n");
		assertThat(sql
			.sql("SELECT kind || ' ' || status || ' ' || attempts FROM slack_outbox WHERE channel = 'C0GONE'"
					+ " ORDER BY id")
			.query(String.class)
			.list()).containsExactly("MESSAGE PENDING 0", "REPLY PENDING 0");
		assertThat(status("C0NOTIN")).isEqualTo("PARKED");
		assertThat(status("C0FINE")).isEqualTo("SENT");
	}

	@Test
	void requeueWithoutChannelsTakesEveryParkedEntry() throws Exception {
		int exit = run("requeue");

		assertThat(exit).isZero();
		assertThat(out()).isEqualTo("requeued 3 entries\n");
		assertThat(status("C0NOTIN")).isEqualTo("PENDING");
		assertThat(status("C0FINE")).isEqualTo("SENT");
	}

	@Test
	void badInputIsRefusedWithTheProblemAndChangesNothing() {
		OutboxCommand command = new OutboxCommand();
		assertThatThrownBy(() -> command.run(List.of(), System.in, System.out, System.err))
			.hasMessageContaining("expected 'parked' or 'requeue'");
		assertThatThrownBy(() -> command.run(List.of("requeue", "--colour", "red"), System.in, System.out, System.err))
			.hasMessageContaining("unknown option --colour");
		assertThatThrownBy(() -> run("requeue", "--channel", "#general"))
			.hasMessageContaining("not a Slack channel id: '#general'");
		assertThat(status("C0NOTIN")).isEqualTo("PARKED");
	}

	private void insert(String channel, String key, String kind, String status, String error) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		sql.sql("""
				INSERT INTO slack_outbox (channel, message_key, kind, text, broadcast, status, attempts, last_error,
				  created_at, updated_at)
				VALUES (?, ?, ?, ?, FALSE, ?, 3, ?, ?, ?)""")
			.params(channel, key, kind, kind.equals("REPLY") ? "a reply" : null, status, error, now, now)
			.update();
	}

	private String status(String channel) {
		return sql.sql("SELECT status FROM slack_outbox WHERE channel = ?").param(channel).query(String.class).single();
	}

	private int run(String... args) throws Exception {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--spring.datasource.url=" + url);
		all.add("--spring.datasource.username=postgres");
		all.add("--spring.datasource.password=postgres");
		return new OutboxCommand().run(all, new ByteArrayInputStream(new byte[0]),
				new PrintStream(stdout, true, StandardCharsets.UTF_8),
				new PrintStream(stderr, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return stdout.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return stderr.toString(StandardCharsets.UTF_8);
	}

}
