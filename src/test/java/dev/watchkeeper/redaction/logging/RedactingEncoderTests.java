package dev.watchkeeper.redaction.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * The encoder and converters redact what they write, whatever part of the event the
 * secret is in.
 */
class RedactingEncoderTests {

	private static final String TOKEN = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z05";

	private final LoggerContext context = new LoggerContext();

	private final Logger logger = context.getLogger("test");

	RedactingEncoderTests() {
		context.setMDCAdapter(new LogbackMDCAdapter());
		// Spring Boot's structured formatters read application name etc. from the
		// Environment it puts here
		context.putObject(Environment.class.getName(), new MockEnvironment());
	}

	private String encode(RedactingEncoder encoder, LoggingEvent event) {
		encoder.setContext(context);
		encoder.start();
		return new String(encoder.encode(event), StandardCharsets.UTF_8);
	}

	private LoggingEvent event(String template, Object... args) {
		return new LoggingEvent("test", logger, Level.INFO, template, null, args);
	}

	@Test
	void patternOutputHasTheFormattedMessageRedacted() {
		RedactingEncoder encoder = new RedactingEncoder();
		encoder.setPattern("%level %m%n");

		String line = encode(encoder, event("cloning with {} for {}", TOKEN, "acme/repo"));

		assertThat(line).isEqualTo("INFO cloning with [REDACTED:github-token] for acme/repo" + System.lineSeparator());
	}

	@Test
	void exceptionMessagesAndTheirCausesAreRedacted() {
		RedactingEncoder encoder = new RedactingEncoder();
		encoder.setPattern("%m%n%ex");
		LoggingEvent event = new LoggingEvent("test", logger, Level.ERROR, "push failed", new IllegalStateException(
				"remote said no", new IllegalArgumentException("bad credentials for " + TOKEN)), null);

		String output = encode(encoder, event);

		assertThat(output).doesNotContain(TOKEN)
			.contains("bad credentials for [REDACTED:github-token]")
			.contains("java.lang.IllegalStateException: remote said no");
	}

	@Test
	void mdcValuesAndKeyValuePairsAreRedacted() {
		RedactingEncoder encoder = new RedactingEncoder();
		encoder.setPattern("%m user=%X{user} %kvp%n");
		LoggingEvent event = event("signed in");
		event.setMDCPropertyMap(Map.of("user", "jane.doe@example.com"));
		event.setKeyValuePairs(List.of(new KeyValuePair("token", TOKEN)));

		String line = encode(encoder, event);

		assertThat(line).doesNotContain(TOKEN)
			.doesNotContain("jane.doe@example.com")
			.contains("user=[REDACTED:email]")
			.contains("token=\"[REDACTED:github-token]\"");
	}

	@Test
	void structuredOutputHasTheMessageRedacted() {
		RedactingEncoder encoder = new RedactingEncoder();
		encoder.setStructuredFormat("logstash");

		String line = encode(encoder, event("cloning with {}", TOKEN));

		assertThat(line).doesNotContain(TOKEN).contains("\"message\":\"cloning with [REDACTED:github-token]\"");
	}

	@Test
	void aBlankStructuredFormatMeansThePattern() {
		RedactingEncoder encoder = new RedactingEncoder();
		encoder.setStructuredFormat("");
		encoder.setPattern("%m");

		assertThat(encode(encoder, event("plain {}", TOKEN))).isEqualTo("plain [REDACTED:github-token]");
	}

	@Test
	void withoutPatternOrFormatTheEncoderReportsAnErrorAndWritesNothing() {
		RedactingEncoder encoder = new RedactingEncoder();

		assertThat(encode(encoder, event("plain {}", TOKEN))).isEmpty();
		assertThat(encoder.isStarted()).isFalse();
		assertThat(context.getStatusManager().getCopyOfStatusList())
			.anySatisfy(status -> assertThat(status.getMessage()).contains("needs a <pattern>"));
	}

	@Test
	void theMessageConverterRedactsForHandWrittenPatterns() {
		RedactingMessageConverter converter = new RedactingMessageConverter();

		assertThat(converter.convert(event("token {}", TOKEN))).isEqualTo("token [REDACTED:github-token]");
	}

	@Test
	void theThrowableConverterRedactsTheStackTraceText() {
		RedactingThrowableProxyConverter converter = new RedactingThrowableProxyConverter();
		converter.setContext(context);
		converter.start();
		LoggingEvent event = new LoggingEvent("test", logger, Level.ERROR, "failed",
				new IllegalStateException("token " + TOKEN), null);

		assertThat(converter.convert(event)).doesNotContain(TOKEN).contains("token [REDACTED:github-token]");
	}

}
