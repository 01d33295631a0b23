/**
 * Diagnostics in Slack: {@code /wk share} and the "Share diagnostics" message shortcut
 * open a modal for pasted text, the share card with its Revoke button, and a notice in
 * the thread for each reveal or refused attempt.
 */
@NullMarked
package dev.watchkeeper.slack.diagnostics;

import org.jspecify.annotations.NullMarked;
