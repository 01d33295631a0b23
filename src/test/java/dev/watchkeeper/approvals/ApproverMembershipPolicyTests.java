package dev.watchkeeper.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.core.SlackUserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class ApproverMembershipPolicyTests {

	static final SlackUserId LISTED = new SlackUserId("U0APPROVE2");

	static final SlackUserId MEMBER = new SlackUserId("U0ONCALL01");

	static final SlackUserId OUTSIDER = new SlackUserId("U0OUTSIDE1");

	final MovableClock clock = new MovableClock();

	final CountingDirectory directory = new CountingDirectory();

	@Test
	void listedApproversNeedNoLookup() {
		assertThat(policy("S0ONCALL").refusal(LISTED)).isEmpty();
		assertThat(directory.lookups.get()).isZero();
	}

	@Test
	void groupMembersMayApproveAndOutsidersMayNot() {
		ApproverMembershipPolicy policy = policy("S0ONCALL");

		assertThat(policy.refusal(MEMBER)).isEmpty();
		assertThat(policy.refusal(OUTSIDER))
			.contains("only members of the approvers user group can approve or deny requests");
	}

	@Test
	void groupMembershipIsCachedForAtMostSixtySeconds() {
		ApproverMembershipPolicy policy = policy("S0ONCALL");
		policy.refusal(MEMBER);
		clock.advance(Duration.ofSeconds(59));
		policy.refusal(MEMBER);

		assertThat(directory.lookups.get()).isEqualTo(1);

		directory.members = Set.of();
		clock.advance(Duration.ofSeconds(1));

		assertThat(policy.refusal(MEMBER)).isPresent();
		assertThat(directory.lookups.get()).isEqualTo(2);
	}

	@Test
	void failedLookupFailsClosedAndIsNotCached() {
		ApproverMembershipPolicy policy = policy("S0ONCALL");
		directory.failing = true;

		assertThat(policy.refusal(MEMBER)).hasValueSatisfying(r -> assertThat(r).contains("could not be checked"));

		directory.failing = false;

		assertThat(policy.refusal(MEMBER)).isEmpty();
	}

	@Test
	void withoutASlackConnectionGroupMembersCannotApprove() {
		ApproverMembershipPolicy policy = new ApproverMembershipPolicy(properties("S0ONCALL"),
				new StaticListableBeanFactory().getBeanProvider(ApproverDirectory.class), clock);

		assertThat(policy.refusal(MEMBER)).hasValueSatisfying(r -> assertThat(r).contains("no Slack connection"));
	}

	@Test
	void withNoApproversConfiguredNobodyCanApprove() {
		ApproverMembershipPolicy policy = new ApproverMembershipPolicy(
				ApprovalsPropertiesTests.properties(null, List.of(), Duration.ofSeconds(60)),
				new StaticListableBeanFactory().getBeanProvider(ApproverDirectory.class), clock);

		assertThat(policy.refusal(LISTED))
			.hasValueSatisfying(r -> assertThat(r).contains("no approvers are configured"));
	}

	ApproverMembershipPolicy policy(String group) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("directory", directory);
		return new ApproverMembershipPolicy(properties(group), beans.getBeanProvider(ApproverDirectory.class), clock);
	}

	static ApprovalsProperties properties(String group) {
		return ApprovalsPropertiesTests.properties(group, List.of(LISTED.value()), Duration.ofSeconds(60));
	}

	static final class CountingDirectory implements ApproverDirectory {

		final AtomicInteger lookups = new AtomicInteger();

		volatile Set<SlackUserId> members = Set.of(MEMBER);

		volatile boolean failing;

		@Override
		public Set<SlackUserId> membersOf(String groupId) {
			lookups.incrementAndGet();
			if (failing) {
				throw new ApproverDirectoryUnavailable("Slack answered invalid_auth");
			}
			return members;
		}

	}

	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2025-03-01T10:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
