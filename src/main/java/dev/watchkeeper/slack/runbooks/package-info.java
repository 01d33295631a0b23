/**
 * Runbooks in Slack: suggestions in the incident thread, a "Run" button per ready action
 * step (through approval), and {@code /wk runbook <query>}.
 */
@NullMarked
package dev.watchkeeper.slack.runbooks;

import org.jspecify.annotations.NullMarked;
