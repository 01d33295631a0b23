package dev.watchkeeper.alerts.internal;

import dev.watchkeeper.core.LabelMatcher;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Picks the Slack channel for a new incident: the first route whose matchers all match
 * the incident's common labels, else the default channel, else none (empty). Evaluated
 * once, when the incident opens, so its message never moves between channels.
 */
@Component
class ChannelRouter {

	private final List<CompiledRoute> routes;

	private final String defaultChannel;

	ChannelRouter(AlertsProperties properties) {
		this.routes = properties.routes()
			.stream()
			.map(r -> new CompiledRoute(r.labelMatchers(), r.channel().strip()))
			.toList();
		this.defaultChannel = properties.defaultChannel() == null ? "" : properties.defaultChannel();
	}

	String route(Map<String, String> labels) {
		for (CompiledRoute route : routes) {
			if (LabelMatcher.allMatch(route.matchers(), labels)) {
				return route.channel();
			}
		}
		return defaultChannel;
	}

	private record CompiledRoute(List<LabelMatcher> matchers, String channel) {
	}

}
