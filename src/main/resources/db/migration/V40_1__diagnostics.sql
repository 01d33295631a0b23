-- Diagnostics shares. The server half (server_key) is deleted the moment a share is burned, revoked or expired
-- (crypto-shredding): without it the ciphertext cannot be decrypted even by someone holding the link.
-- Nothing here can decrypt a share on its own: the link key lives only in the URL fragment. Bearer tokens (upload,
-- lease) are stored as SHA-256 hashes; verifiers are HMAC keys derived from the link key and passphrase by HKDF.
-- Written once for H2 and PostgreSQL alike.

CREATE TABLE diagnostics_share
(
  id                  VARCHAR(32)              NOT NULL,
  state               VARCHAR(16)              NOT NULL,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  max_views           INT                      NOT NULL,
  views_left          INT                      NOT NULL,
  server_key          BYTEA,
  link_verifier       BYTEA                    NOT NULL,
  passphrase_verifier BYTEA,
  passphrase_salt     BYTEA,
  passphrase_failures INT DEFAULT 0            NOT NULL,
  upload_token_hash   VARCHAR(64),
  uploading           BOOL DEFAULT FALSE       NOT NULL,
  declared_size       BIGINT,
  stored_size         BIGINT DEFAULT 0         NOT NULL,
  created_by          VARCHAR(64)              NOT NULL,
  created_via         VARCHAR(16)              NOT NULL,
  incident_id         VARCHAR(64),
  retain_until        TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX diagnostics_share_expiry_idx ON diagnostics_share (state, expires_at);

-- one row per nonce handed out for a live share; a proof consumes its nonce (DELETE ... = 1 row)
CREATE TABLE diagnostics_nonce
(
  nonce      VARCHAR(64)              NOT NULL,
  share_id   VARCHAR(32)              NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (nonce)
);
CREATE INDEX diagnostics_nonce_share_idx ON diagnostics_nonce (share_id);
CREATE INDEX diagnostics_nonce_expiry_idx ON diagnostics_nonce (expires_at);

-- a successful reveal may resume its download with Range until the lease expires
CREATE TABLE diagnostics_lease
(
  token_hash VARCHAR(64)              NOT NULL,
  share_id   VARCHAR(32)              NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (token_hash)
);
CREATE INDEX diagnostics_lease_share_idx ON diagnostics_lease (share_id);

-- ciphertext in the database (watchkeeper.diagnostics.storage=database): rows of at most 1 MiB, so no row is ever
-- larger than that in memory
CREATE TABLE diagnostics_segment
(
  share_id     VARCHAR(32) NOT NULL,
  start_offset BIGINT      NOT NULL,
  length       INT         NOT NULL,
  bytes        BYTEA       NOT NULL,
  PRIMARY KEY (share_id, start_offset)
);
