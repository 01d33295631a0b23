/**
 * Slack commands for the Vault actions: {@code /wk revoke lease|prefix|accessor <id>} and
 * {@code /wk rotate db-role <name>}, which create approval requests through the approvals
 * module.
 */
@NullMarked
package dev.watchkeeper.slack.credentials;

import org.jspecify.annotations.NullMarked;
