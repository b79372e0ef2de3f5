-- credits4j usage statements, MariaDB (10.6+, InnoDB, utf8mb4).
-- A statement is one organization's (one wallet's) account of one calendar month of the
-- workspace's time zone: credits bought, granted, received, used (per offering), refunded,
-- transferred, expired, the balances at the month's start and end, and the credits expiring soon
-- as they stood when it was issued. Its figures are stored when it is issued and never change.
-- Local dates are ISO-8601 text (YYYY-MM-DD); instants are BIGINT microseconds since the epoch.
-- The unique key (wallet, period start) makes issuing exactly once however many nodes run the job.
CREATE TABLE credits_statement (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key       VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  wallet_id           VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  organization_id     VARCHAR(128)   NOT NULL,
  period_start        VARCHAR(10)    NOT NULL,
  period_end          VARCHAR(10)    NOT NULL,
  time_zone           VARCHAR(64)    NOT NULL,
  starts_at           BIGINT         NOT NULL,
  ends_at             BIGINT         NOT NULL,
  opening_balance     NUMERIC(19,4)  NOT NULL,
  credits_bought      NUMERIC(19,4)  NOT NULL,
  credits_granted     NUMERIC(19,4)  NOT NULL,
  credits_received    NUMERIC(19,4)  NOT NULL,
  credits_used        NUMERIC(19,4)  NOT NULL,
  credits_reversed    NUMERIC(19,4)  NOT NULL,
  credits_deducted    NUMERIC(19,4)  NOT NULL,
  credits_refunded    NUMERIC(19,4)  NOT NULL,
  credits_sent        NUMERIC(19,4)  NOT NULL,
  credits_expired     NUMERIC(19,4)  NOT NULL,
  closing_balance     NUMERIC(19,4)  NOT NULL,
  usage_entries       BIGINT         NOT NULL,
  expiring_days       INTEGER        NOT NULL,
  issued_at           BIGINT         NOT NULL,
  CONSTRAINT uq_statement_period UNIQUE (wallet_id, period_start),
  CONSTRAINT ck_statement_period CHECK (period_start < period_end AND starts_at < ends_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The job's check that a workspace's month is done: statements of (workspace, period start).
CREATE INDEX ix_statement_workspace_period ON credits_statement (workspace_key, period_start);

-- A statement's lines: its usage per offering (kind USAGE; offering_id null for usage of no
-- offering) and its lots expiring soon (kind EXPIRING), each numbered from 0 in display order.
CREATE TABLE credits_statement_line (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  statement_id        VARCHAR(36)    NOT NULL REFERENCES credits_statement (id),
  line_no             INTEGER        NOT NULL CHECK (line_no >= 0),
  kind                VARCHAR(10)    NOT NULL,
  offering_id         VARCHAR(64),
  label               VARCHAR(200),
  credits             NUMERIC(19,4)  NOT NULL,
  entries             BIGINT,
  lot_id              VARCHAR(36),
  expires_at          BIGINT,
  CONSTRAINT uq_statement_line UNIQUE (statement_id, line_no),
  CONSTRAINT ck_statement_line_kind CHECK (
    (kind = 'USAGE' AND entries IS NOT NULL AND lot_id IS NULL AND expires_at IS NULL)
    OR (kind = 'EXPIRING' AND lot_id IS NOT NULL AND expires_at IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
