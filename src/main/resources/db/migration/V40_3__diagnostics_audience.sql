-- Who may reveal a share when Sign in with Slack is configured: the members of a channel and/or named users
-- (space-separated Slack user ids); neither means every member of the bot's team. Identifiers only, no content.
ALTER TABLE diagnostics_share ADD COLUMN audience_channel VARCHAR(32);
ALTER TABLE diagnostics_share ADD COLUMN audience_users VARCHAR(1700);
