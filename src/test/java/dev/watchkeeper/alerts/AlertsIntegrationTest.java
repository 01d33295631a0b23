package dev.watchkeeper.alerts;

import dev.watchkeeper.testkit.PostgresIntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application on embedded PostgreSQL and the fake Slack, with the webhook and
 * reviewer tokens set, a few routes to separate channels, a movable clock and a fast
 * outbox (tests never wait a real second per message). One shared context for every test
 * class that uses it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PostgresIntegrationTest
@Import(MovableClock.Configuration.class)
@TestPropertySource(properties = { "watchkeeper.alerts.webhook-token=" + AlertHooks.TOKEN,
		"watchkeeper.audit.reviewer-token=" + AlertHooks.REVIEWER_TOKEN,
		"watchkeeper.alerts.default-channel=" + AlertHooks.DEFAULT_CHANNEL,
		"watchkeeper.alerts.routes[0].matchers[0]=room=\"a\"", "watchkeeper.alerts.routes[0].channel=C0ROOMA",
		"watchkeeper.alerts.routes[1].matchers[0]=room=\"b\"", "watchkeeper.alerts.routes[1].channel=C0ROOMB",
		"watchkeeper.alerts.routes[2].matchers[0]=room=~\"c.*\"", "watchkeeper.alerts.routes[2].channel=C0ROOMC",
		"watchkeeper.alerts.routes[3].matchers[0]=room=\"gone\"", "watchkeeper.alerts.routes[3].channel=C0GONE",
		"watchkeeper.alerts.max-body=1MB", "watchkeeper.slack.outbox.channel-interval=20ms",
		"watchkeeper.slack.outbox.poll-interval=20ms",
		// no runbooks: these tests count the thread replies of incidents; runbook
		// suggestions have their own tests
		"watchkeeper.runbooks.dir=target/no-runbooks-for-alert-tests" })
public @interface AlertsIntegrationTest {

}
