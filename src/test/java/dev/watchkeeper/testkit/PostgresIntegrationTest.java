package dev.watchkeeper.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, on a fresh database in a real (embedded)
 * PostgreSQL, talking to the {@link FakeSlackApi} with the
 * {@link SlackRequestSigner#TEST_SIGNING_SECRET}. Add more properties with
 * {@code @TestPropertySource}; inject the port with {@code @LocalServerPort}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "watchkeeper.slack.signing-secret=" + SlackRequestSigner.TEST_SIGNING_SECRET,
				"watchkeeper.slack.bot-token=xoxb-test-token",
				"spring.quartz.properties.org.quartz.jobStore.isClustered=true",
				// the embedded server may stop before Spring closes (both are shutdown
				// hooks): fail fast then
				"spring.datasource.hikari.connection-timeout=3000" })
@ContextConfiguration(initializers = { EmbeddedPostgresInitializer.class, FakeSlackInitializer.class })
public @interface PostgresIntegrationTest {

}
