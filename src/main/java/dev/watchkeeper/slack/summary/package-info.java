/**
 * AI summaries in Slack: {@code /wk summarize} and automatic mode post the model's
 * reading as a labelled thread reply.
 */
@NullMarked
package dev.watchkeeper.slack.summary;

import org.jspecify.annotations.NullMarked;
