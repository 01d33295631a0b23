package dev.watchkeeper.actions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExecutionPermitTests {

	@Test
	void permitsCannotBeIssuedOutsideTheApprovalsModule() {
		assertThatThrownBy(() -> ExecutionPermit.issue(UUID.randomUUID(), "noop.echo", ActionParams.none(),
				"0".repeat(64), List.of("U0APPROVE1"), Instant.now()))
			.isInstanceOf(IllegalCallerException.class)
			.hasMessageContaining("only by dev.watchkeeper.approvals.internal");
	}

}
