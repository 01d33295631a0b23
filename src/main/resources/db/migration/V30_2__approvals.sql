-- approvals: action requests, their approvals, and the ledger of clicks that makes replays harmless.
-- Runs unchanged on H2 and PostgreSQL. State changes are compare-and-set updates on (state, version).

CREATE TABLE action_request
(
  id                   UUID                     NOT NULL,
  action_type          VARCHAR(100)             NOT NULL,
  tier                 VARCHAR(16)              NOT NULL,
  -- validated parameters as a JSON object; identifiers (lease ids), never secrets
  params               VARCHAR(20000)           NOT NULL,
  preview              VARCHAR(20000)           NOT NULL,
  -- SHA-256 over type, parameters and preview: what the approvers saw
  binding              VARCHAR(64)              NOT NULL,
  requester            VARCHAR(32)              NOT NULL,
  incident_id          UUID,
  reason               VARCHAR(2000)            NOT NULL,
  channel_id           VARCHAR(32),
  thread_ts            VARCHAR(32),
  state                VARCHAR(16)              NOT NULL,
  version              INT                      NOT NULL,
  created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  decided_at           TIMESTAMP WITH TIME ZONE,
  closed_by            VARCHAR(32),
  note                 VARCHAR(2000),
  execution_started_at TIMESTAMP WITH TIME ZONE,
  finished_at          TIMESTAMP WITH TIME ZONE,
  outcome              VARCHAR(4000),
  PRIMARY KEY (id)
);
CREATE INDEX action_request_state_idx ON action_request (state, expires_at);

-- one row per approver: the primary key keeps approvers distinct even if application checks were bypassed
CREATE TABLE action_approval
(
  request_id  UUID                     NOT NULL,
  approver    VARCHAR(32)              NOT NULL,
  approved_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (request_id, approver),
  FOREIGN KEY (request_id) REFERENCES action_request (id)
);

-- every click that reached a decision; a replayed signed click hits the primary key and is answered
-- "already recorded". Rows older than Slack's 5-minute signature window are purged.
CREATE TABLE approval_click
(
  subject     VARCHAR(100)             NOT NULL,
  user_id     VARCHAR(32)              NOT NULL,
  click_id    VARCHAR(64)              NOT NULL,
  kind        VARCHAR(16)              NOT NULL,
  recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (subject, user_id, click_id, kind)
);
CREATE INDEX approval_click_recorded_idx ON approval_click (recorded_at);
