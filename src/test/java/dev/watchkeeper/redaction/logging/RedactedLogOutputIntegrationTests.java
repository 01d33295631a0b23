package dev.watchkeeper.redaction.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.RedactionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Logging as the application configures it ({@code logback-spring.xml},
 * {@code application.yml} with {@code WATCHKEEPER_LOG_FORMAT} unset, so an empty
 * structured format): secrets never reach the console, and a custom detector from the
 * settings applies to logs too.
 */
@SpringBootTest(classes = RedactionConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "watchkeeper.redaction.custom-detectors[0].name=acme-key",
				"watchkeeper.redaction.custom-detectors[0].regex=acme_[a-z0-9]{12}" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class RedactedLogOutputIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(RedactedLogOutputIntegrationTests.class);

	private static final String TOKEN = "xoxb-" + "12345678901-1234567890123-aB3dE5fG7hJ9kL1mN3pQ5rS7";

	@Test
	void aLoggedSecretAppearsRedactedInTheDefaultConsolePattern(CapturedOutput output) {
		log.info("posting with bot token {}", TOKEN);

		assertThat(output.getOut()).doesNotContain(TOKEN)
			.contains("posting with bot token [REDACTED:slack-token]")
			.contains(" INFO ")
			.contains(RedactedLogOutputIntegrationTests.class.getSimpleName().substring(0, 20));
	}

	@Test
	void aSecretInAnExceptionMessageAppearsRedacted(CapturedOutput output) {
		log.warn("connection failed", new IllegalStateException("cannot reach postgres://app:hunter2@db:5432/x"));

		assertThat(output.getOut()).doesNotContain("hunter2")
			.contains("postgres://app:[REDACTED:url-credentials]@db:5432/x");
	}

	@Test
	void configuredCustomDetectorsApplyToLogs(CapturedOutput output) {
		log.info("billing with acme_0123abcd4567");

		assertThat(output.getOut()).doesNotContain("acme_0123abcd4567").contains("billing with [REDACTED:acme-key]");
	}

}
