package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.diagnostics.DiagnosticsTestSupport.AuditedEvents;
import dev.watchkeeper.diagnostics.internal.ShareClient;
import dev.watchkeeper.diagnostics.internal.ShareKeys;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Burn-after-reading is exact: concurrent reveals get exactly as many successes as the
 * share has views.
 */
@DiagnosticsIntegrationTest
class DiagnosticsConcurrencyIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditedEvents events;

	ShareProtocol protocol;

	@BeforeEach
	void setUp() {
		protocol = new ShareProtocol(port);
		events.clear();
	}

	@Test
	void fiftyConcurrentRevealsOfAOneViewShareSucceedExactlyOnce() throws Exception {
		ShareClient.Created share = protocol.shareText("heap summary", 1);

		List<Integer> statuses = revealConcurrently(share, 50);

		assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
		assertThat(statuses).filteredOn(s -> s == 404).hasSize(49);
		assertThat(row(share.id())).containsExactly("BURNED", 0, true);
		assertThat(events.of(DiagnosticsRevealed.class, new ShareId(share.id()))).hasSize(1)
			.allSatisfy(e -> assertThat(e.viewsLeft()).isZero());
	}

	@Test
	void threeViewShareUnderTwentyConcurrentRevealsSucceedsExactlyThreeTimes() throws Exception {
		ShareClient.Created share = protocol.shareText("three views", 3);

		List<Integer> statuses = revealConcurrently(share, 20);

		assertThat(statuses).filteredOn(s -> s == 200).hasSize(3);
		assertThat(statuses).filteredOn(s -> s == 404).hasSize(17);
		assertThat(row(share.id())).containsExactly("BURNED", 0, true);
		assertThat(events.of(DiagnosticsRevealed.class, new ShareId(share.id())))
			.extracting(DiagnosticsRevealed::viewsLeft)
			.containsExactlyInAnyOrder(2, 1, 0);
	}

	/**
	 * Each caller fetches its own nonce first, then all fire their reveal at the same
	 * moment.
	 */
	private List<Integer> revealConcurrently(ShareClient.Created share, int callers) throws Exception {
		byte[] proofKey = ShareKeys.linkProofKey(ShareProtocol.key(share.link()));
		CountDownLatch ready = new CountDownLatch(callers);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(pool.submit(() -> {
					byte[] nonce = protocol.nonce(share.id());
					byte[] proof = ShareKeys.proof(proofKey, "reveal", share.id(), nonce);
					ready.countDown();
					go.await();
					return protocol.reveal(share.id(), nonce, proof, null);
				}));
			}
			ready.await();
			go.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<HttpResponse<byte[]>> future : futures) {
				statuses.add(future.get().statusCode());
			}
			return statuses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private List<Object> row(String id) {
		return jdbc.sql("SELECT state, views_left, server_key FROM diagnostics_share WHERE id = ?")
			.param(id)
			.query((rs, n) -> List.<Object>of(rs.getString(1), rs.getInt(2), rs.getBytes(3) == null))
			.single();
	}

}
