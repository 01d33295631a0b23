package dev.watchkeeper.approvals;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.core.SlackUserId;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may approve, and how long things may take. With neither {@code approvers} nor
 * {@code approversGroup} set, nobody can approve anything (fail closed) and start-up says
 * so.
 *
 * @param approversGroup Slack user group id ({@code S...}) whose members may approve
 * @param approvers Slack user ids ({@code U...}) who may approve, in addition to the
 * group
 * @param ttl how long a request waits for its decision
 * @param channel where requests made without a conversation (by code) are posted;
 * optional
 * @param groupCacheTtl how long a looked-up group membership is trusted; at most 60 s
 * @param expirySweepInterval how often the Quartz job expires requests (they refuse
 * approval on time regardless)
 * @param executionTimeout after this long in EXECUTING, a request is presumed abandoned
 * (crash) and the reconciler settles it by asking the action whether its effect is in
 * place
 * @param reconcileInterval how often the reconciler looks for abandoned requests
 */
@ConfigurationProperties("watchkeeper.approvals")
public record ApprovalsProperties(@Nullable String approversGroup, @DefaultValue List<String> approvers,
		@DefaultValue("15m") Duration ttl, @Nullable String channel, @DefaultValue("60s") Duration groupCacheTtl,
		@DefaultValue("10s") Duration expirySweepInterval, @DefaultValue("2m") Duration executionTimeout,
		@DefaultValue("30s") Duration reconcileInterval) {

	private static final Pattern GROUP = Pattern.compile("S[A-Z0-9]{2,30}");

	private static final Pattern CHANNEL = Pattern.compile("[CG][A-Z0-9]{2,30}");

	public ApprovalsProperties {
		approversGroup = approversGroup == null || approversGroup.isBlank() ? null : approversGroup.strip();
		channel = channel == null || channel.isBlank() ? null : channel.strip();
		approvers = approvers == null ? List.of()
				: approvers.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
		if (approversGroup != null && !GROUP.matcher(approversGroup).matches()) {
			throw new InvalidConfiguration("watchkeeper.approvals.approvers-group must be a Slack user group id such as"
					+ " S0123ABCD, not '" + approversGroup + "'");
		}
		for (String id : approvers) {
			try {
				new SlackUserId(id);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfiguration(
						"watchkeeper.approvals.approvers: '" + id + "' is not a Slack user id (U... or W...)");
			}
		}
		if (channel != null && !CHANNEL.matcher(channel).matches()) {
			throw new InvalidConfiguration(
					"watchkeeper.approvals.channel must be a Slack channel id such as C0123ABCD, not '" + channel
							+ "'");
		}
		requirePositive("ttl", ttl);
		requirePositive("expiry-sweep-interval", expirySweepInterval);
		requirePositive("execution-timeout", executionTimeout);
		requirePositive("reconcile-interval", reconcileInterval);
		if (groupCacheTtl.isNegative() || groupCacheTtl.compareTo(Duration.ofSeconds(60)) > 0) {
			throw new InvalidConfiguration(
					"watchkeeper.approvals.group-cache-ttl must be between 0 and 60s: a removed approver must lose"
							+ " the right within a minute");
		}
	}

	/** The explicitly listed approvers. */
	public Set<SlackUserId> approverIds() {
		Set<SlackUserId> ids = new LinkedHashSet<>();
		approvers.forEach(a -> ids.add(new SlackUserId(a)));
		return ids;
	}

	/** Whether anybody at all can approve. */
	public boolean approversConfigured() {
		return approversGroup != null || !approvers.isEmpty();
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidConfiguration("watchkeeper.approvals." + name + " must be positive");
		}
	}
}
