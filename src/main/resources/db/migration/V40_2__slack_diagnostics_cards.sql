-- Where the Slack card of a share lives, so reveals, refusals and the end of the share can update it and post in its
-- thread. No link, no key: the link message is posted once and only ever replaced by a "no longer works" text.
CREATE TABLE slack_diagnostics_card
(
  share_id        VARCHAR(32)              NOT NULL,
  channel         VARCHAR(32)              NOT NULL,
  card_ts         VARCHAR(32)              NOT NULL,
  thread_ts       VARCHAR(32)              NOT NULL,
  link_ts         VARCHAR(32),
  creator         VARCHAR(32)              NOT NULL,
  incident_id     VARCHAR(64),
  refused_notices INT DEFAULT 0            NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (share_id)
);
