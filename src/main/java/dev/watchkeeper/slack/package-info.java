/**
 * Slack user interface: Bolt wiring (HTTP and Socket Mode), the {@code /wk} command,
 * buttons, Block Kit builders. The only module that imports {@code com.slack.api};
 * nothing depends on it.
 */
@NullMarked
package dev.watchkeeper.slack;

import org.jspecify.annotations.NullMarked;
