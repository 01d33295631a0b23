package dev.watchkeeper.slack.approvals;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import dev.watchkeeper.approvals.ApproverDirectory;
import dev.watchkeeper.approvals.ApproverDirectoryUnavailable;
import dev.watchkeeper.core.SlackUserId;
import dev.watchkeeper.slack.SlackProperties;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Looks approver groups up with {@code usergroups.users.list}; the approvals module
 * caches the answer (≤ 60 s).
 */
@Component
class SlackApproverDirectory implements ApproverDirectory {

	private final Slack slack;

	private final SlackProperties properties;

	SlackApproverDirectory(Slack slack, SlackProperties properties) {
		this.slack = slack;
		this.properties = properties;
	}

	@Override
	public Set<SlackUserId> membersOf(String groupId) {
		if (properties.botToken() == null) {
			throw new ApproverDirectoryUnavailable("SLACK_BOT_TOKEN is not set");
		}
		UsergroupsUsersListResponse response;
		try {
			response = slack.methods(properties.botToken().reveal()).usergroupsUsersList(r -> r.usergroup(groupId));
		}
		catch (IOException | SlackApiException ex) {
			throw new ApproverDirectoryUnavailable("Slack did not answer usergroups.users.list", ex);
		}
		if (!response.isOk()) {
			throw new ApproverDirectoryUnavailable("Slack answered " + response.getError());
		}
		Set<SlackUserId> members = new LinkedHashSet<>();
		if (response.getUsers() != null) {
			for (String id : response.getUsers()) {
				try {
					members.add(new SlackUserId(id));
				}
				catch (IllegalArgumentException ignored) {
					// not a user id: cannot click, so cannot approve
				}
			}
		}
		return members;
	}

}
