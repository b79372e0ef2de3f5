-- API keys of machine clients (h2): created by a workspace's admin, each acting in that workspace
-- only, as a team member or as the client of one organization. The secret is never stored: the
-- key holds the SHA-256 of its id and 256-bit random secret, compared in constant time. Times are
-- epoch milliseconds; last_used_at is updated at most once a minute per key (see ApiKeys).
-- creation_hash is the SHA-256 of the creating admin's Idempotency-Key, so that a retried create
-- answers with the same key (without its secret) instead of making a second one.

CREATE TABLE credits_api_key (
  key_id          VARCHAR(32)   NOT NULL,
  workspace_key   VARCHAR(64)   NOT NULL,
  label           VARCHAR(200)  NOT NULL,
  key_role        VARCHAR(16)   NOT NULL,
  organization_id VARCHAR(128),
  secret_hash     VARCHAR(64)   NOT NULL,
  created_by      VARCHAR(255)  NOT NULL,
  created_at      BIGINT        NOT NULL,
  expires_at      BIGINT,
  revoked_at      BIGINT,
  revoked_by      VARCHAR(255),
  last_used_at    BIGINT,
  creation_hash   VARCHAR(64),
  PRIMARY KEY (key_id),
  CONSTRAINT ck_api_key_role CHECK (key_role IN ('team', 'client')),
  CONSTRAINT ck_api_key_org CHECK (
    (key_role = 'client' AND organization_id IS NOT NULL)
    OR (key_role <> 'client' AND organization_id IS NULL))
);

CREATE INDEX credits_api_key_workspace ON credits_api_key (workspace_key, created_at);
CREATE UNIQUE INDEX credits_api_key_creation ON credits_api_key (workspace_key, creation_hash);
