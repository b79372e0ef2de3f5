-- The REST API's Idempotency-Key records, MariaDB: the first response to each (workspace, principal,
-- key), replayed for a retry of the same request. Owned by the reference WAR and migrated with its
-- own history table; key_hash is the SHA-256 (hex) of workspace, principal and key; status 0 means
-- in progress.

CREATE TABLE credits_api_idempotency (
  key_hash        CHAR(64)          NOT NULL PRIMARY KEY,
  workspace_key   VARCHAR(64)       NOT NULL,
  principal       VARCHAR(255)      NOT NULL,
  idempotency_key VARCHAR(255)      NOT NULL,
  fingerprint     CHAR(64)          NOT NULL,
  status          INTEGER           NOT NULL,
  content_type    VARCHAR(100),
  body            MEDIUMTEXT,
  created_at      BIGINT            NOT NULL,
  completed_at    BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX credits_api_idempotency_created ON credits_api_idempotency (created_at);
