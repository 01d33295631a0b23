/**
 * The approval gate in Slack: the request message (built by pure functions in
 * {@link dev.watchkeeper.slack.approvals.ApprovalBlocks}), Approve / Deny / Cancel
 * buttons, the denial dialog, {@code /wk actions} and {@code /wk run}, and the user-group
 * lookup behind the approver policy.
 */
@NullMarked
package dev.watchkeeper.slack.approvals;

import org.jspecify.annotations.NullMarked;
