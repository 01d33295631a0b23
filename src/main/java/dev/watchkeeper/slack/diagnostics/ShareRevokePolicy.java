package dev.watchkeeper.slack.diagnostics;

import com.slack.api.methods.MethodsClient;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Who may press Revoke on a share card: its creator, and incident commanders, who are the
 * approvers configured for the approvals module ({@code watchkeeper.approvals.approvers},
 * and members of {@code watchkeeper.approvals.approvers-group}). Read from the settings
 * directly so diagnostics does not depend on the approvals module.
 */
@Component
class ShareRevokePolicy {

	private static final Logger log = LoggerFactory.getLogger(ShareRevokePolicy.class);

	private final Set<String> approvers;

	private final String approversGroup;

	ShareRevokePolicy(Environment environment) {
		Binder binder = Binder.get(environment);
		this.approvers = Set.copyOf(binder.bind("watchkeeper.approvals.approvers", Bindable.listOf(String.class))
			.orElse(List.of())
			.stream()
			.map(String::strip)
			.filter(s -> !s.isEmpty())
			.toList());
		this.approversGroup = binder.bind("watchkeeper.approvals.approvers-group", String.class).orElse("").strip();
	}

	boolean mayRevoke(String userId, String creator, MethodsClient slack) {
		if (userId.equals(creator) || approvers.contains(userId)) {
			return true;
		}
		if (approversGroup.isEmpty()) {
			return false;
		}
		try {
			var members = slack.usergroupsUsersList(r -> r.usergroup(approversGroup));
			return members.isOk() && members.getUsers() != null && members.getUsers().contains(userId);
		}
		catch (Exception ex) {
			// fail closed: only the creator and the listed approvers while Slack cannot
			// answer
			log.warn("could not read the approvers group {}: {}", approversGroup, ex.getMessage());
			return false;
		}
	}

}
