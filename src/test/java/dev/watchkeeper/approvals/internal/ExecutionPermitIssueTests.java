package dev.watchkeeper.approvals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.actions.ActionParams;
import dev.watchkeeper.actions.ExecutionPermit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExecutionPermitIssueTests {

	@Test
	void approvalsExecutorPackageMayIssuePermitsForExactParameters() {
		ActionParams params = ActionParams.of(Map.of("target", "db"));

		ExecutionPermit permit = ExecutionPermit.issue(UUID.randomUUID(), "test.high", params, "a".repeat(64),
				List.of("U0APPROVE2"), Instant.now());

		assertThat(permit.covers("test.high", params)).isTrue();
		assertThat(permit.covers("test.high", ActionParams.of(Map.of("target", "other")))).isFalse();
		assertThat(permit.covers("test.critical", params)).isFalse();
		assertThat(permit.toString()).doesNotContain("db");
	}

}
