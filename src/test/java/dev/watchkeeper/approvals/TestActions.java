package dev.watchkeeper.approvals;

import dev.watchkeeper.actions.RiskTier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Test actions in every tier, a movable clock and a recording (and failable) audit trail.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestActions {

	@Bean
	RecordingAction highAction() {
		return new RecordingAction("test.high", RiskTier.HIGH);
	}

	@Bean
	RecordingAction criticalAction() {
		return new RecordingAction("test.critical", RiskTier.CRITICAL);
	}

	@Bean
	RecordingAction lowAction() {
		return new RecordingAction("test.low", RiskTier.LOW);
	}

	@Bean
	@Primary
	OffsetClock offsetClock() {
		return new OffsetClock();
	}

	@Bean
	RecordingAuditTrail recordingAuditTrail() {
		return new RecordingAuditTrail();
	}

}
