-- Audit trail: one hash chain of sealed entries (see docs/audit.md for the canonical encoding).
-- Written once for H2 and PostgreSQL alike. Append-only enforcement on PostgreSQL (trigger + REVOKE) is added by
-- the Java migration V20_2 because it needs PL/pgSQL, which H2 does not have.

CREATE TABLE audit_entry
(
  seq         BIGINT                   NOT NULL,
  event_id    UUID                     NOT NULL,
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
  recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
  actor       VARCHAR(200)             NOT NULL,
  actor_name  VARCHAR(200)             NOT NULL,
  action      VARCHAR(100)             NOT NULL,
  subject     VARCHAR(500)             NOT NULL,
  incident_id VARCHAR(100)             NOT NULL,
  outcome     VARCHAR(50)              NOT NULL,
  details     VARCHAR(65536)           NOT NULL,
  identifiers VARCHAR(16384)           NOT NULL,
  key_id      VARCHAR(16)              NOT NULL,
  prev_hash   VARCHAR(64)              NOT NULL,
  hash        VARCHAR(64)              NOT NULL,
  hmac        VARCHAR(64)              NOT NULL,
  CONSTRAINT audit_entry_pk PRIMARY KEY (seq),
  -- a redelivered event is recorded once
  CONSTRAINT audit_entry_event_uk UNIQUE (event_id),
  CONSTRAINT audit_entry_hash_uk UNIQUE (hash)
);

-- keyset paging newest-first under each filter: WHERE <filter> AND seq < ? ORDER BY seq DESC
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, seq);
CREATE INDEX audit_entry_action_idx ON audit_entry (action, seq);
CREATE INDEX audit_entry_incident_idx ON audit_entry (incident_id, seq);
CREATE INDEX audit_entry_outcome_idx ON audit_entry (outcome, seq);
CREATE INDEX audit_entry_subject_idx ON audit_entry (subject, seq);
CREATE INDEX audit_entry_occurred_idx ON audit_entry (occurred_at, seq);
-- verification looks up "who claims this predecessor" only when the chain is broken
CREATE INDEX audit_entry_prev_hash_idx ON audit_entry (prev_hash);

-- The single row every append locks (SELECT ... FOR UPDATE): one chain, no forks, across threads and replicas.
-- It also records the newest entry, so entries cut off the end of the chain are detected.
CREATE TABLE audit_chain_head
(
  id   INT         NOT NULL,
  seq  BIGINT      NOT NULL,
  hash VARCHAR(64) NOT NULL,
  CONSTRAINT audit_chain_head_pk PRIMARY KEY (id),
  CONSTRAINT audit_chain_head_single CHECK (id = 1)
);
INSERT INTO audit_chain_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The last head posted to the witness channel, so an unchanged head is not posted again.
CREATE TABLE audit_witness
(
  id           INT                      NOT NULL,
  seq          BIGINT                   NOT NULL,
  hash         VARCHAR(64)              NOT NULL,
  witnessed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT audit_witness_pk PRIMARY KEY (id),
  CONSTRAINT audit_witness_single CHECK (id = 1)
);
