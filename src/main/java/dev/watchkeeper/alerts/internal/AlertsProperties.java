package dev.watchkeeper.alerts.internal;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.core.LabelMatcher;
import dev.watchkeeper.core.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Alert intake settings, validated at start so a broken route fails with one line instead
 * of misrouting at 3 a.m.
 *
 * @param defaultChannel Slack channel id for incidents no route matches
 * ({@code WATCHKEEPER_ALERTS_DEFAULT_CHANNEL})
 * @param routes ordered rules, first match wins: label matchers as in Alertmanager
 * ({@code =}, {@code !=}, {@code =~}, {@code !~}) and the channel they send to
 * @param groupBy labels that group alerts into one incident when the sender gives no
 * group key
 * @param webhookToken bearer token the webhooks require
 * ({@code WATCHKEEPER_WEBHOOK_TOKEN}); unset disables them
 * @param maxBody largest accepted webhook body; a 10,000-alert group is several MB
 * @param reopenWindow a group that fires again within this time after resolving reopens
 * its incident (same message, same thread); later it opens a new incident
 * @param flapping when an alert counts as flapping
 */
@ConfigurationProperties("watchkeeper.alerts")
public record AlertsProperties(@Nullable String defaultChannel, @DefaultValue List<Route> routes, @DefaultValue( {
		"alertname", "cluster", "namespace", "service" }) List<String> groupBy, @Nullable Secret webhookToken,
		@DefaultValue("32MB") DataSize maxBody, @DefaultValue("30m") Duration reopenWindow,
		@DefaultValue Flapping flapping){

	public AlertsProperties {
		defaultChannel = defaultChannel == null || defaultChannel.isBlank() ? null : defaultChannel.strip();
		routes = List.copyOf(routes);
		groupBy = List.copyOf(groupBy);
		for (int i = 0; i < routes.size(); i++) {
			routes.get(i).validate(i);
		}
		if (maxBody.toBytes() < 1024) {
			throw new InvalidConfiguration("watchkeeper.alerts.max-body must be at least 1KB");
		}
		if (reopenWindow.isNegative()) {
			throw new InvalidConfiguration("watchkeeper.alerts.reopen-window must not be negative");
		}
	}

	/** Whether the webhooks can accept anything: without a token they answer 503. */
	public boolean webhooksEnabled() {
		return webhookToken != null;
	}

	/**
	 * One routing rule.
	 *
	 * @param matchers each entry one matcher ({@code severity="critical"}) or a list
	 * ({@code {team=~"db|infra"}})
	 * @param channel Slack channel id (or name) to post to
	 */
	public record Route(@DefaultValue List<String> matchers, @Nullable String channel) {

		public Route {
			matchers = List.copyOf(matchers);
		}

		List<LabelMatcher> labelMatchers() {
			List<LabelMatcher> parsed = new ArrayList<>();
			matchers.forEach(m -> parsed.addAll(LabelMatcher.parseList(m)));
			return parsed;
		}

		void validate(int index) {
			if (channel == null || channel.isBlank()) {
				throw new InvalidConfiguration("watchkeeper.alerts.routes[" + index + "].channel is missing");
			}
			try {
				labelMatchers();
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfiguration("watchkeeper.alerts.routes[" + index + "].matchers: " + ex.getMessage());
			}
		}
	}

	/**
	 * Flapping: an alert that changes between firing and resolved more than
	 * {@code maxChanges} times within {@code window} is marked flapping, and its
	 * incident's changes are no longer announced in the thread.
	 */
	public record Flapping(@DefaultValue("4") int maxChanges, @DefaultValue("1h") Duration window) {

		public Flapping {
			if (maxChanges < 1) {
				throw new InvalidConfiguration("watchkeeper.alerts.flapping.max-changes must be at least 1");
			}
		}
	}
}
