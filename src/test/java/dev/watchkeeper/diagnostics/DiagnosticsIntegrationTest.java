package dev.watchkeeper.diagnostics;

import dev.watchkeeper.testkit.PostgresIntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application on embedded PostgreSQL with a movable clock and a request
 * recorder; every diagnostics integration test uses exactly this, so they share one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PostgresIntegrationTest
@Import(DiagnosticsTestSupport.class)
@TestPropertySource(properties = { "watchkeeper.diagnostics.storage-dir=target/test-diagnostics",
		"watchkeeper.diagnostics.max-size=16MB", "watchkeeper.diagnostics.max-total-size=64MB",
		"watchkeeper.approvals.approvers=U0BOSS001,U0BOSS002",
		// the concurrency tests send hundreds of requests from one address; the limits
		// have their own tests
		"watchkeeper.diagnostics.creates-per-hour=0", "watchkeeper.diagnostics.requests-per-minute=0" })
public @interface DiagnosticsIntegrationTest {

}
