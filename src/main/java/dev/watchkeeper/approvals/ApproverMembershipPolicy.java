package dev.watchkeeper.approvals;

import dev.watchkeeper.core.SlackUserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Security rule: only configured approvers decide, i.e. users listed in
 * {@code watchkeeper.approvals.approvers} or members of the Slack user group
 * {@code watchkeeper.approvals.approvers-group}. Group membership is cached for at most
 * 60 s; when it cannot be looked up, nobody from the group may decide (fail closed).
 */
@Component
class ApproverMembershipPolicy {

	private final ApprovalsProperties properties;

	private final ObjectProvider<ApproverDirectory> directory;

	private final Clock clock;

	private @Nullable Membership cached;

	ApproverMembershipPolicy(ApprovalsProperties properties, ObjectProvider<ApproverDirectory> directory, Clock clock) {
		this.properties = properties;
		this.directory = directory;
		this.clock = clock;
	}

	/** Empty when {@code user} may approve or deny; otherwise why not, for the user. */
	Optional<String> refusal(SlackUserId user) {
		if (properties.approverIds().contains(user)) {
			return Optional.empty();
		}
		String group = properties.approversGroup();
		if (group == null) {
			return Optional.of(properties.approvers().isEmpty()
					? "no approvers are configured (watchkeeper.approvals.approvers or approvers-group), so nobody can"
							+ " approve"
					: "only the configured approvers can approve or deny requests");
		}
		try {
			return members(group).contains(user) ? Optional.empty()
					: Optional.of("only members of the approvers user group can approve or deny requests");
		}
		catch (ApproverDirectoryUnavailable ex) {
			return Optional.of("the approvers group could not be checked right now (" + ex.getMessage()
					+ "); nothing changed, try again shortly");
		}
	}

	/**
	 * Members of the group, from a cache younger than {@code group-cache-ttl}; failures
	 * are never cached.
	 */
	private synchronized Set<SlackUserId> members(String group) {
		Instant now = clock.instant();
		Membership current = cached;
		if (current != null && current.group().equals(group) && !now.isBefore(current.fetchedAt())
				&& now.isBefore(current.fetchedAt().plus(properties.groupCacheTtl()))) {
			return current.members();
		}
		ApproverDirectory lookup = directory.getIfAvailable();
		if (lookup == null) {
			throw new ApproverDirectoryUnavailable("no Slack connection to look the group up");
		}
		Set<SlackUserId> members = Set.copyOf(lookup.membersOf(group));
		cached = new Membership(group, members, now);
		return members;
	}

	private record Membership(String group, Set<SlackUserId> members, Instant fetchedAt) {
	}

}
