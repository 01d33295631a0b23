/**
 * The persistent outbox of Slack calls: posts each living message once and then edits it
 * in place, threads replies under it, paces writes per channel, honours
 * {@code Retry-After}, and survives restarts without losing or duplicating a message.
 */
@NullMarked
package dev.watchkeeper.slack.outbox;

import org.jspecify.annotations.NullMarked;
