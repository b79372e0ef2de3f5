-- credits4j recurring allotments, MariaDB (10.6+, InnoDB, utf8mb4).
-- An allotment grants an organization's wallet a fixed number of credits every period, computed in
-- the workspace's time zone. Local dates are ISO-8601 text (YYYY-MM-DD, so they sort as dates);
-- instants are BIGINT microseconds since the epoch (UTC). Every allotment change and every grant
-- happens under the lock of the organization's wallet row.

-- A lot's own rule for its credits left at expiry, replacing the workspace's rollover settings:
-- present when rollover_max is set. At expiry (plus grace) nothing rolls over when the lot's unused
-- credits are fewer than rollover_min; otherwise up to rollover_max of them move into a ROLLOVER
-- lot expiring at rollover_expires_at (never when null), and the rest expires.
ALTER TABLE credits_lot ADD COLUMN rollover_min NUMERIC(19,4);
ALTER TABLE credits_lot ADD COLUMN rollover_max NUMERIC(19,4);
ALTER TABLE credits_lot ADD COLUMN rollover_expires_at BIGINT;
ALTER TABLE credits_lot ADD CONSTRAINT ck_lot_rollover CHECK (
  (rollover_max IS NULL AND rollover_min IS NULL AND rollover_expires_at IS NULL)
  OR (rollover_min IS NOT NULL AND rollover_max IS NOT NULL AND rollover_min >= 0
      AND rollover_max >= rollover_min));

CREATE TABLE credits_allotment (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key       VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  wallet_id           VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  credits             NUMERIC(19,4)  NOT NULL CHECK (credits > 0),
  period_unit         VARCHAR(10)    NOT NULL,
  start_date          VARCHAR(10)    NOT NULL,
  end_date            VARCHAR(10),
  cost_basis          NUMERIC(24,10) NOT NULL CHECK (cost_basis >= 0),
  currency            VARCHAR(3)     NOT NULL,
  unused_credits      VARCHAR(20)    NOT NULL,
  rollover_min        NUMERIC(19,4),
  rollover_max        NUMERIC(19,4),
  description         VARCHAR(200),
  status              VARCHAR(10)    NOT NULL,
  next_period         INTEGER        NOT NULL CHECK (next_period >= 0),
  next_period_date    VARCHAR(10),
  periods_granted     INTEGER        NOT NULL CHECK (periods_granted >= 0),
  created_by_type     VARCHAR(10)    NOT NULL,
  created_by_id       VARCHAR(128)   NOT NULL,
  created_by_name     VARCHAR(200)   NOT NULL,
  changed_by_type     VARCHAR(10)    NOT NULL,
  changed_by_id       VARCHAR(128)   NOT NULL,
  changed_by_name     VARCHAR(200)   NOT NULL,
  created_at          BIGINT         NOT NULL,
  updated_at          BIGINT         NOT NULL,
  CONSTRAINT ck_allotment_rollover CHECK (
    (rollover_min IS NULL AND rollover_max IS NULL)
    OR (rollover_min IS NOT NULL AND rollover_max IS NOT NULL AND rollover_min >= 0
        AND rollover_max > 0 AND rollover_max >= rollover_min))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- The scheduler's job looks for ACTIVE allotments whose next period has started.
CREATE INDEX ix_allotment_due ON credits_allotment (status, next_period_date);
CREATE INDEX ix_allotment_wallet ON credits_allotment (wallet_id, created_at);

-- One row per period granted: with the unique key, a period can never be granted twice.
CREATE TABLE credits_allotment_grant (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  allotment_id        VARCHAR(36)    NOT NULL REFERENCES credits_allotment (id),
  wallet_id           VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  period_index        INTEGER        NOT NULL CHECK (period_index >= 0),
  period_start        VARCHAR(10)    NOT NULL,
  period_end          VARCHAR(10)    NOT NULL,
  starts_at           BIGINT         NOT NULL,
  ends_at             BIGINT         NOT NULL,
  credits             NUMERIC(19,4)  NOT NULL CHECK (credits > 0),
  entry_id            VARCHAR(36)    NOT NULL REFERENCES credits_entry (id),
  lot_id              VARCHAR(36)    NOT NULL REFERENCES credits_lot (id),
  expires_at          BIGINT,
  granted_at          BIGINT         NOT NULL,
  CONSTRAINT uq_allotment_period UNIQUE (allotment_id, period_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
