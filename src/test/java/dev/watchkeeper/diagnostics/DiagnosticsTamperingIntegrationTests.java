package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.diagnostics.internal.CiphertextRejected;
import dev.watchkeeper.diagnostics.internal.CiphertextStore;
import dev.watchkeeper.diagnostics.internal.ShareClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Someone with write access to the storage (or the database) changes a stored ciphertext:
 * the recipient's client refuses it with a message saying what happened, and writes no
 * unauthenticated byte.
 */
@DiagnosticsIntegrationTest
class DiagnosticsTamperingIntegrationTests {

	static final int SEALED_CHUNK = (1 << 20) + 16;

	static final int HEADER = 68;

	@LocalServerPort
	int port;

	@Autowired
	CiphertextStore store;

	@Autowired
	JdbcClient jdbc;

	ShareProtocol protocol;

	@BeforeEach
	void setUp() {
		protocol = new ShareProtocol(port);
	}

	@Test
	void aFlippedBitFailsWithAClearMessage() throws Exception {
		ShareClient.Created share = protocol.shareText("y".repeat(3 << 20), 1);
		byte[] ciphertext = stored(share);
		ciphertext[HEADER + SEALED_CHUNK + 12345] ^= 0x10;
		replace(share, ciphertext);

		assertThatThrownBy(() -> protocol.revealText(share.link(), null)).isInstanceOf(CiphertextRejected.class)
			.hasMessage("chunk 1 failed authentication: the ciphertext was modified, reordered or truncated");
	}

	@Test
	void truncationAtAChunkBoundaryFailsWithAClearMessage() throws Exception {
		ShareClient.Created share = protocol.shareText("z".repeat(3 << 20), 1);
		byte[] ciphertext = stored(share);
		replace(share, Arrays.copyOf(ciphertext, HEADER + 2 * SEALED_CHUNK));

		assertThatThrownBy(() -> protocol.revealText(share.link(), null)).isInstanceOf(CiphertextRejected.class)
			.hasMessage("the ciphertext is truncated: it ends after chunk 1, which is not the last");
	}

	@Test
	void reorderedChunksFailWithAClearMessage() throws Exception {
		ShareClient.Created share = protocol.shareText("w".repeat(3 << 20), 1);
		byte[] ciphertext = stored(share);
		byte[] swapped = ciphertext.clone();
		System.arraycopy(ciphertext, HEADER + SEALED_CHUNK, swapped, HEADER + 2 * SEALED_CHUNK, SEALED_CHUNK);
		System.arraycopy(ciphertext, HEADER + 2 * SEALED_CHUNK, swapped, HEADER + SEALED_CHUNK, SEALED_CHUNK);
		replace(share, swapped);

		assertThatThrownBy(() -> protocol.revealText(share.link(), null)).isInstanceOf(CiphertextRejected.class)
			.hasMessageContaining("chunk 1 failed authentication");
	}

	@Test
	void aCiphertextMovedToAnotherShareDoesNotDecrypt() throws Exception {
		ShareClient.Created first = protocol.shareText("first", 1);
		ShareClient.Created second = protocol.shareText("second", 1);
		replace(second, stored(first));

		assertThatThrownBy(() -> protocol.revealText(second.link(), null)).isInstanceOf(CiphertextRejected.class)
			.hasMessageContaining("first chunk failed authentication: wrong key or passphrase");
	}

	private byte[] stored(ShareClient.Created share) throws Exception {
		try (InputStream in = store.read(new ShareId(share.id()), 0)) {
			return in.readAllBytes();
		}
	}

	/**
	 * Rewrites the stored ciphertext and its recorded size, as someone with storage and
	 * database access could.
	 */
	private void replace(ShareClient.Created share, byte[] ciphertext) throws Exception {
		store.write(new ShareId(share.id()), 0, new ByteArrayInputStream(ciphertext), Long.MAX_VALUE);
		jdbc.sql("UPDATE diagnostics_share SET stored_size = ? WHERE id = ?")
			.params((long) ciphertext.length, share.id())
			.update();
	}

}
