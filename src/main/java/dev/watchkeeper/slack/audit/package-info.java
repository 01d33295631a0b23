/**
 * Posts the audit chain head to the witness channel, so Slack's history can contradict a
 * rewritten audit table.
 */
@NullMarked
package dev.watchkeeper.slack.audit;

import org.jspecify.annotations.NullMarked;
