package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.watchkeeper.diagnostics.DiagnosticsTestSupport.AuditedEvents;
import dev.watchkeeper.diagnostics.DiagnosticsTestSupport.MovableClock;
import dev.watchkeeper.diagnostics.internal.CiphertextStore;
import dev.watchkeeper.diagnostics.internal.ShareClient;
import dev.watchkeeper.diagnostics.internal.Shares;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Expired, burned and revoked shares lose their server half at once and their ciphertext
 * at the purge.
 */
@DiagnosticsIntegrationTest
class DiagnosticsExpiryIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	AuditedEvents events;

	@Autowired
	Shares shares;

	@Autowired
	CiphertextStore store;

	@Autowired
	Scheduler scheduler;

	ShareProtocol protocol;

	@BeforeEach
	void setUp() {
		protocol = new ShareProtocol(port);
		events.clear();
	}

	@AfterEach
	void tearDown() {
		clock.reset();
	}

	@Test
	void afterExpiryTheServerHalfAndTheCiphertextAreGone() throws Exception {
		ShareClient.Created share = protocol.shareText("expiring", 2, Duration.ofMinutes(5), null);
		ShareId id = new ShareId(share.id());
		assertThat(store.contains(id)).isTrue();

		clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		shares.purge();

		assertThat(rows(share.id())).isZero();
		assertThat(store.contains(id)).isFalse();
		assertThat(events.of(DiagnosticsExpired.class, id)).singleElement()
			.satisfies(e -> assertThat(e.viewsLeft()).isEqualTo(2));
		assertThatThrownBy(() -> protocol.revealText(share.link(), null))
			.hasMessageContaining("This link is not available");
	}

	@Test
	void aBurnedShareKeepsItsCiphertextOnlyForTheLease() throws Exception {
		ShareClient.Created share = protocol.shareText("burn", 1);
		ShareId id = new ShareId(share.id());
		protocol.revealText(share.link(), null);

		shares.purge();
		assertThat(serverKeyDeleted(share.id())).isTrue();
		assertThat(store.contains(id)).as("resumable during the lease").isTrue();

		clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		shares.purge();

		assertThat(rows(share.id())).isZero();
		assertThat(store.contains(id)).isFalse();
		assertThat(events.of(DiagnosticsExpired.class, id)).as("burned, not expired").isEmpty();
	}

	@Test
	void theQuartzJobPurgesEveryMinute() throws Exception {
		SimpleTrigger trigger = (SimpleTrigger) scheduler
			.getTrigger(TriggerKey.triggerKey("diagnostics-purge", "diagnostics"));
		assertThat(trigger.getRepeatInterval()).isEqualTo(Duration.ofMinutes(1).toMillis());
		assertThat(trigger.getRepeatCount()).isEqualTo(SimpleTrigger.REPEAT_INDEFINITELY);

		ShareClient.Created share = protocol.shareText("expiring", 1, Duration.ofMinutes(5), null);
		clock.advance(Duration.ofMinutes(6));
		scheduler.triggerJob(JobKey.jobKey("diagnostics-purge", "diagnostics"));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rows(share.id())).isZero());
		assertThat(store.contains(new ShareId(share.id()))).isFalse();
	}

	@Test
	void anAbandonedUploadIsDiscardedAfterAnHourOfSilence() {
		String neverUploaded = createPending();
		String crashedMidUpload = createPending();
		// a client that died while uploading: the claim was never released
		jdbc.sql("UPDATE diagnostics_share SET uploading = TRUE, upload_touched_at = ? WHERE id = ?")
			.params(clock.instant().plus(Duration.ofMinutes(10)).atOffset(java.time.ZoneOffset.UTC), crashedMidUpload)
			.update();

		clock.advance(Duration.ofMinutes(61));
		shares.purge();

		assertThat(rows(neverUploaded)).as("silent for an hour").isZero();
		assertThat(rows(crashedMidUpload)).as("touched 51 minutes ago").isEqualTo(1);

		clock.advance(Duration.ofMinutes(10));
		shares.purge();

		assertThat(rows(crashedMidUpload)).isZero();
		assertThat(events.of(dev.watchkeeper.core.AuditableEvent.class)).as("nothing was shared, so nothing is audited")
			.noneMatch(e -> e.subject().equals(neverUploaded) || e.subject().equals(crashedMidUpload));
	}

	private String createPending() {
		var response = protocol.post("/api/d",
				java.util.Map.of("ttlSeconds", 86400, "views", 1, "size", 4096, "linkVerifier",
						dev.watchkeeper.diagnostics.internal.ShareKeys
							.encode(dev.watchkeeper.diagnostics.internal.ShareKeys.randomBytes(32))));
		assertThat(response.statusCode()).isEqualTo(201);
		return ShareProtocol.json.readTree(response.body()).path("id").asString();
	}

	private long rows(String id) {
		return jdbc.sql("SELECT COUNT(*) FROM diagnostics_share WHERE id = ?").param(id).query(Long.class).single();
	}

	private boolean serverKeyDeleted(String id) {
		return jdbc.sql("SELECT server_key FROM diagnostics_share WHERE id = ?")
			.param(id)
			.query((rs, n) -> rs.getBytes(1) == null)
			.single();
	}

}
