package dev.watchkeeper.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.core.SlackUserId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalsPropertiesTests {

	@Test
	void approversAreSlackUserIds() {
		assertThatThrownBy(() -> properties(null, List.of("bob"), Duration.ofSeconds(60)))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessage("watchkeeper.approvals.approvers: 'bob' is not a Slack user id (U... or W...)");
	}

	@Test
	void groupIsAUserGroupId() {
		assertThatThrownBy(() -> properties("oncall", List.of(), Duration.ofSeconds(60)))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("approvers-group must be a Slack user group id");
	}

	@Test
	void membershipIsNeverTrustedForMoreThanAMinute() {
		assertThatThrownBy(() -> properties("S0ONCALL", List.of(), Duration.ofSeconds(61)))
			.isInstanceOf(InvalidConfiguration.class)
			.hasMessageContaining("between 0 and 60s");
	}

	@Test
	void blankSettingsMeanUnset() {
		ApprovalsProperties properties = properties(" ", List.of(" U0APPROVE1 ", ""), Duration.ofSeconds(60));

		assertThat(properties.approversGroup()).isNull();
		assertThat(properties.approverIds()).containsExactly(new SlackUserId("U0APPROVE1"));
		assertThat(properties.approversConfigured()).isTrue();
	}

	@Test
	void nothingConfiguredMeansNobodyCanApprove() {
		assertThat(properties(null, List.of(), Duration.ofSeconds(60)).approversConfigured()).isFalse();
	}

	static ApprovalsProperties properties(String group, List<String> approvers, Duration cache) {
		return new ApprovalsProperties(group, approvers, Duration.ofMinutes(15), null, cache, Duration.ofSeconds(10),
				Duration.ofMinutes(2), Duration.ofSeconds(30));
	}

}
