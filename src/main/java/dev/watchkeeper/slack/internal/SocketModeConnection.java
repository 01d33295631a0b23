package dev.watchkeeper.slack.internal;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.watchkeeper.slack.SlackProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Connects to Slack over Socket Mode when {@code SLACK_APP_TOKEN} is set. Uses Tyrus and
 * the constructor with a concurrency level: the default handles one event at a time.
 */
@Component
class SocketModeConnection implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SocketModeConnection.class);

	private final SlackProperties properties;

	private final App app;

	private volatile SocketModeApp socketModeApp;

	SocketModeConnection(SlackProperties properties, App app) {
		this.properties = properties;
		this.app = app;
	}

	@Override
	public void start() {
		if (!properties.socketModeEnabled()) {
			return;
		}
		try {
			socketModeApp = new SocketModeApp(properties.appToken().reveal(), app, SocketModeClient.Backend.Tyrus,
					properties.socketModeConcurrency());
			socketModeApp.startAsync();
			log.info("Slack Socket Mode connecting (concurrency {})", properties.socketModeConcurrency());
		}
		catch (Exception ex) {
			// keep serving HTTP (webhooks, audit) while Slack is unreachable; the health
			// endpoint shows it
			log.error("Slack Socket Mode could not connect: {}", ex.getMessage());
		}
	}

	@Override
	public void stop() {
		SocketModeApp current = socketModeApp;
		if (current != null) {
			try {
				current.close();
			}
			catch (Exception ex) {
				log.debug("closing Socket Mode: {}", ex.getMessage());
			}
			socketModeApp = null;
		}
	}

	@Override
	public boolean isRunning() {
		return socketModeApp != null;
	}

}
