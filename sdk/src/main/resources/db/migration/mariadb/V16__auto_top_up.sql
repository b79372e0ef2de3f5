-- credits4j auto top-up, MariaDB (10.6+, InnoDB, utf8mb4).
-- A per-organization rule buys credits when a debit leaves the wallet's available credits below the
-- rule's threshold. The debit's own transaction decides it, under the wallet's lock, and records a
-- trigger row; the purchase starts after that transaction commits, from a job that claims the row
-- (deleting it: exactly one node succeeds), never inside the wallet's lock. Instants are BIGINT
-- microseconds since the epoch (UTC); local days are ISO-8601 text (YYYY-MM-DD) in the workspace's
-- time zone.

-- The active rule's threshold, copied onto the wallet so that every debit can judge it without a
-- query; NULL while the organization has no active rule. Written under the wallet's lock.
ALTER TABLE credits_wallet ADD COLUMN top_up_threshold NUMERIC(19,4);
-- When available credits last crossed below top_up_threshold in a debit; NULL: armed (the next
-- debit that leaves available below the threshold triggers). Changed only under the wallet's lock.
ALTER TABLE credits_wallet ADD COLUMN top_up_crossed_at BIGINT;

-- A recorded trigger waiting for the auto top-up job: at most one per wallet (the key).
CREATE TABLE credits_top_up_trigger (
  wallet_id           VARCHAR(36)    NOT NULL PRIMARY KEY REFERENCES credits_wallet (id),
  triggered_at        BIGINT         NOT NULL,
  entry_id            VARCHAR(36),
  available           NUMERIC(19,4)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_top_up_trigger_due ON credits_top_up_trigger (triggered_at);

-- One rule per organization's wallet.
CREATE TABLE credits_auto_top_up (
  wallet_id             VARCHAR(36)    NOT NULL PRIMARY KEY REFERENCES credits_wallet (id),
  workspace_key         VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  organization_id       VARCHAR(128)   NOT NULL,
  threshold             NUMERIC(19,4)  NOT NULL CHECK (threshold >= 0),
  package_id            VARCHAR(36),
  target_balance        NUMERIC(19,4),
  max_per_day           INTEGER        NOT NULL CHECK (max_per_day > 0),
  gateway               VARCHAR(64)    NOT NULL,
  max_declines          INTEGER        NOT NULL CHECK (max_declines > 0),
  consecutive_declines  INTEGER        NOT NULL CHECK (consecutive_declines >= 0),
  status                VARCHAR(10)    NOT NULL,
  paused_reason         VARCHAR(500),
  stripe_customer       VARCHAR(255),
  stripe_payment_method VARCHAR(255),
  changed_by_type       VARCHAR(10)    NOT NULL,
  changed_by_id         VARCHAR(128)   NOT NULL,
  changed_by_name       VARCHAR(200)   NOT NULL,
  created_at            BIGINT         NOT NULL,
  updated_at            BIGINT         NOT NULL,
  CONSTRAINT ck_auto_top_up_status CHECK (status IN ('ACTIVE', 'PAUSED')),
  CONSTRAINT ck_auto_top_up_amount CHECK (
    (package_id IS NULL AND target_balance IS NOT NULL)
    OR (package_id IS NOT NULL AND target_balance IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_auto_top_up_workspace ON credits_auto_top_up (workspace_key, organization_id);

-- Every attempt: triggered, then STARTED (a purchase in flight), SUCCEEDED, FAILED or SKIPPED.
CREATE TABLE credits_auto_top_up_attempt (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  wallet_id           VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  workspace_key       VARCHAR(64)    NOT NULL,
  organization_id     VARCHAR(128)   NOT NULL,
  triggered_at        BIGINT         NOT NULL,
  entry_id            VARCHAR(36),
  available           NUMERIC(19,4)  NOT NULL,
  local_day           VARCHAR(10)    NOT NULL,
  status              VARCHAR(10)    NOT NULL,
  gateway             VARCHAR(64)    NOT NULL,
  package_id          VARCHAR(36),
  purchase_id         VARCHAR(36),
  detail              VARCHAR(500),
  lease_until         BIGINT,
  created_at          BIGINT         NOT NULL,
  finished_at         BIGINT,
  CONSTRAINT ck_top_up_attempt_status CHECK (
    status IN ('STARTED', 'SUCCEEDED', 'FAILED', 'SKIPPED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_top_up_attempt_wallet ON credits_auto_top_up_attempt (wallet_id, created_at);
CREATE INDEX ix_top_up_attempt_open ON credits_auto_top_up_attempt (status, lease_until);
