/**
 * Incidents in Slack: one living message per incident (Block Kit built by pure
 * functions), thread replies for the changes that matter, and {@code /wk incidents}.
 */
@NullMarked
package dev.watchkeeper.slack.incidents;

import org.jspecify.annotations.NullMarked;
