-- slack: where each approval request's message was posted, so every later click or outcome edits it in place.
CREATE TABLE slack_approval_message
(
  request_id         UUID                     NOT NULL,
  channel_id         VARCHAR(32)              NOT NULL,
  message_ts         VARCHAR(32)              NOT NULL,
  incident_permalink VARCHAR(1000),
  posted_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (request_id)
);
