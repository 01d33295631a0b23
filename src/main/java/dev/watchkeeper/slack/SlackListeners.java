package dev.watchkeeper.slack;

import com.slack.api.bolt.App;

/**
 * Registers one feature's Bolt listeners (buttons, modals, events) on the shared
 * {@link App}. One bean per feature, so no single class holds every Slack listener.
 */
public interface SlackListeners {

	void register(App app);

}
