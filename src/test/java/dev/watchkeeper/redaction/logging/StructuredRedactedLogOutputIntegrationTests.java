package dev.watchkeeper.redaction.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.RedactionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@code WATCHKEEPER_LOG_FORMAT=ecs} still gives Spring Boot's JSON lines, with the
 * message redacted.
 */
@SpringBootTest(classes = RedactionConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class StructuredRedactedLogOutputIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(StructuredRedactedLogOutputIntegrationTests.class);

	@BeforeAll
	static void forgetEarlierFormats() {
		// an earlier context in this JVM may have left an empty format behind, and Spring
		// Boot never overwrites a
		// system property that is already set
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
	}

	@AfterAll
	static void forgetStructuredFormat() {
		// Spring Boot hands the format to Logback through a system property; don't let it
		// leak into other tests
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
	}

	@Test
	void aLoggedSecretAppearsRedactedInEcsJson(CapturedOutput output) {
		log.error("login for jane.doe@example.com failed",
				new IllegalStateException("Authorization: Bearer abcdefghijklmnop1234567890"));

		String line = output.getOut()
			.lines()
			.filter(l -> l.contains("login for"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no log line in: " + output.getOut()));
		assertThat(line).startsWith("{")
			.contains("\"message\":\"login for [REDACTED:email] failed\"")
			.contains("\"ecs\":{\"version\"")
			.contains("Authorization: Bearer [REDACTED:bearer-token]")
			.doesNotContain("jane.doe@example.com")
			.doesNotContain("abcdefghijklmnop1234567890");
	}

}
