package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.diagnostics.DiagnosticsTestSupport.Recorded;
import dev.watchkeeper.diagnostics.DiagnosticsTestSupport.RequestRecorder;
import dev.watchkeeper.diagnostics.internal.ShareClient;
import dev.watchkeeper.diagnostics.internal.ShareKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The link key (and the passphrase) never reach the server: not in any request line,
 * header or body, not in any log line, not in any database row. Logging runs at DEBUG for
 * the web stack and Watchkeeper while the share is created and revealed.
 */
@DiagnosticsIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DiagnosticsSecrecyIntegrationTests {

	static final String PASSPHRASE = "orange-tractor-47-lighthouse";

	@LocalServerPort
	int port;

	@Autowired
	RequestRecorder recorder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LoggingSystem logging;

	ShareProtocol protocol;

	@BeforeEach
	void setUp() {
		protocol = new ShareProtocol(port);
		logging.setLogLevel("org.springframework.web", LogLevel.DEBUG);
		logging.setLogLevel("dev.watchkeeper", LogLevel.DEBUG);
	}

	@AfterEach
	void tearDown() {
		logging.setLogLevel("org.springframework.web", null);
		logging.setLogLevel("dev.watchkeeper", null);
		recorder.stop();
	}

	@Test
	void theLinkKeyAndPassphraseAppearInNoRequestLogLineOrDatabaseRow(CapturedOutput output) throws Exception {
		recorder.start();
		ShareClient.Created share = protocol.shareText("rotated credentials for payments-db", 2, Duration.ofHours(1),
				PASSPHRASE);
		String revealed = protocol.revealText(share.link(), PASSPHRASE);
		List<Recorded> requests = recorder.stop();
		byte[] key = ShareProtocol.key(share.link());

		assertThat(revealed).isEqualTo("rotated credentials for payments-db");
		assertThat(requests).extracting(Recorded::uri)
			.anyMatch(uri -> uri.endsWith("/api/d"))
			.anyMatch(uri -> uri.endsWith("/ciphertext"))
			.anyMatch(uri -> uri.endsWith("/reveal"));
		for (Recorded request : requests) {
			String text = request.method() + " " + request.uri() + "\n" + String.join("\n", request.headers()) + "\n"
					+ new String(request.body(), StandardCharsets.ISO_8859_1);
			assertNoTraceOf(key, text, request.body(), "request " + request.method() + " " + request.uri());
			assertThat(text).doesNotContain(PASSPHRASE);
		}
		assertThat(output.getAll()).contains(share.id());
		assertNoTraceOf(key, output.getAll(), output.getAll().getBytes(StandardCharsets.UTF_8), "log output");
		assertThat(output.getAll()).doesNotContain(PASSPHRASE).doesNotContain("rotated credentials");
		for (String row : DatabaseRows.all(jdbc)) {
			assertNoTraceOf(key, row, row.getBytes(StandardCharsets.ISO_8859_1), "database row");
			assertThat(row).doesNotContain(PASSPHRASE).doesNotContain("rotated credentials");
		}
	}

	/** The key as raw bytes and in every text encoding a careless program might use. */
	private static void assertNoTraceOf(byte[] key, String text, byte[] bytes, String where) {
		List<String> encodings = List.of(ShareKeys.encode(key), Base64.getEncoder().encodeToString(key),
				Base64.getEncoder().withoutPadding().encodeToString(key), HexFormat.of().formatHex(key),
				HexFormat.of().withUpperCase().formatHex(key));
		for (String encoding : encodings) {
			assertThat(text).as(where).doesNotContain(encoding).doesNotContain(encoding.substring(0, 20));
		}
		assertThat(indexOf(bytes, key)).as(where + " raw bytes").isEqualTo(-1);
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
