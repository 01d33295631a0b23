package dev.watchkeeper.approvals;

import dev.watchkeeper.core.SlackUserId;
import java.util.Set;

/**
 * Answers "who is in this user group?". Implemented by the Slack module
 * ({@code usergroups.users.list}); the approvals module caches answers for at most
 * {@link ApprovalsProperties#groupCacheTtl()}.
 */
public interface ApproverDirectory {

	/**
	 * @throws ApproverDirectoryUnavailable when the answer cannot be had right now;
	 * approval then fails closed
	 */
	Set<SlackUserId> membersOf(String groupId);

}
