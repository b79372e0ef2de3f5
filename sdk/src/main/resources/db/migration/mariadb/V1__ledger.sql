-- credits4j ledger schema, MariaDB (10.6+, InnoDB, utf8mb4).
-- Instants are BIGINT microseconds since the epoch (UTC). Credits are NUMERIC(19,4).
-- Every wallet-scoped table carries wallet_id so it can be distributed by wallet (docs/architecture.md, Conventions).

CREATE TABLE credits_workspace (
  ws_key                VARCHAR(64)    NOT NULL PRIMARY KEY,
  name                  VARCHAR(200)   NOT NULL,
  credits_enabled       BOOLEAN        NOT NULL,
  credit_scale          INTEGER        NOT NULL CHECK (credit_scale BETWEEN 0 AND 4),
  currency              VARCHAR(3)     NOT NULL,
  base_credit_rate      NUMERIC(19,4)  NOT NULL,
  default_expiry_days   INTEGER,
  grace_period_days     INTEGER        NOT NULL,
  warning_days          VARCHAR(100)   NOT NULL,
  low_balance_threshold NUMERIC(19,4),
  time_zone             VARCHAR(64)    NOT NULL,
  rollover_enabled      BOOLEAN        NOT NULL,
  rollover_cap_credits  NUMERIC(19,4),
  rollover_cap_percent  INTEGER,
  created_at            BIGINT         NOT NULL,
  updated_at            BIGINT         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE credits_wallet (
  id                VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key     VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  organization_id   VARCHAR(128)   NOT NULL,
  display_name      VARCHAR(200)   NOT NULL,
  balance           NUMERIC(19,4)  NOT NULL,
  held              NUMERIC(19,4)  NOT NULL CHECK (held >= 0),
  overdraft_limit   NUMERIC(19,4)  NOT NULL CHECK (overdraft_limit >= 0),
  overdraft_used    NUMERIC(19,4)  NOT NULL CHECK (overdraft_used >= 0),
  last_seq          BIGINT         NOT NULL,
  last_hash         VARCHAR(64),
  created_at        BIGINT         NOT NULL,
  CONSTRAINT uq_wallet_org UNIQUE (workspace_key, organization_id),
  CONSTRAINT ck_wallet_available CHECK (balance - held >= -overdraft_limit)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE credits_lot (
  id              VARCHAR(36)    NOT NULL PRIMARY KEY,
  wallet_id       VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  source          VARCHAR(20)    NOT NULL,
  original        NUMERIC(19,4)  NOT NULL CHECK (original > 0),
  remaining       NUMERIC(19,4)  NOT NULL,
  reserved        NUMERIC(19,4)  NOT NULL,
  granted_at      BIGINT         NOT NULL,
  effective_at    BIGINT         NOT NULL,
  expires_at      BIGINT,
  cost_basis      NUMERIC(24,10) NOT NULL,
  cost_currency   VARCHAR(3)     NOT NULL,
  priority        INTEGER        NOT NULL,
  entry_id        VARCHAR(36)    NOT NULL,
  origin_lot_id   VARCHAR(36),
  purchase_id     VARCHAR(64),
  CONSTRAINT ck_lot_remaining CHECK (remaining >= 0 AND remaining <= original),
  CONSTRAINT ck_lot_reserved CHECK (reserved >= 0 AND reserved <= remaining)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- Debits read only the lots that still hold credits.
CREATE INDEX ix_lot_open ON credits_lot (wallet_id, remaining);
CREATE INDEX ix_lot_wallet ON credits_lot (wallet_id, granted_at);
CREATE INDEX ix_lot_expiry ON credits_lot (expires_at, remaining);

CREATE TABLE credits_entry (
  id                      VARCHAR(36)    NOT NULL PRIMARY KEY,
  wallet_id               VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  seq                     BIGINT         NOT NULL,
  entry_type              VARCHAR(20)    NOT NULL,
  reason_code             VARCHAR(30),
  amount                  NUMERIC(19,4)  NOT NULL,
  balance_after           NUMERIC(19,4)  NOT NULL,
  occurred_at             BIGINT         NOT NULL,
  description             VARCHAR(500),
  actor_type              VARCHAR(10)    NOT NULL,
  actor_id                VARCHAR(128)   NOT NULL,
  actor_name              VARCHAR(200)   NOT NULL,
  package_id              VARCHAR(64),
  purchase_id             VARCHAR(64),
  offering_id             VARCHAR(64),
  request_id              VARCHAR(64),
  counterparty_wallet_id  VARCHAR(36),
  reversed_entry_id       VARCHAR(36),
  hold_id                 VARCHAR(36),
  idempotency_key         VARCHAR(128),
  hash                    VARCHAR(64)    NOT NULL,
  CONSTRAINT uq_entry_seq UNIQUE (wallet_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_entry_type ON credits_entry (wallet_id, entry_type, seq);
CREATE INDEX ix_entry_time ON credits_entry (wallet_id, occurred_at);
CREATE INDEX ix_entry_reversed ON credits_entry (reversed_entry_id);

CREATE TABLE credits_allocation (
  id          VARCHAR(36)    NOT NULL PRIMARY KEY,
  entry_id    VARCHAR(36)    NOT NULL REFERENCES credits_entry (id),
  wallet_id   VARCHAR(36)    NOT NULL,
  lot_id      VARCHAR(36)    REFERENCES credits_lot (id),
  amount      NUMERIC(19,4)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_allocation_entry ON credits_allocation (entry_id);
CREATE INDEX ix_allocation_lot ON credits_allocation (lot_id);
-- Per-wallet sums (reconcile, reversals) read only that wallet's allocations.
CREATE INDEX ix_allocation_wallet ON credits_allocation (wallet_id, lot_id);

CREATE TABLE credits_hold (
  id                VARCHAR(36)    NOT NULL PRIMARY KEY,
  wallet_id         VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  status            VARCHAR(10)    NOT NULL,
  amount            NUMERIC(19,4)  NOT NULL CHECK (amount > 0),
  captured          NUMERIC(19,4)  NOT NULL,
  created_at        BIGINT         NOT NULL,
  expires_at        BIGINT         NOT NULL,
  settled_at        BIGINT,
  description       VARCHAR(500),
  package_id        VARCHAR(64),
  purchase_id       VARCHAR(64),
  offering_id       VARCHAR(64),
  request_id        VARCHAR(64),
  actor_type        VARCHAR(10)    NOT NULL,
  actor_id          VARCHAR(128)   NOT NULL,
  actor_name        VARCHAR(200)   NOT NULL,
  capture_entry_id  VARCHAR(36)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_hold_active ON credits_hold (status, expires_at);
CREATE INDEX ix_hold_wallet ON credits_hold (wallet_id, status);

CREATE TABLE credits_hold_allocation (
  id          VARCHAR(36)    NOT NULL PRIMARY KEY,
  hold_id     VARCHAR(36)    NOT NULL REFERENCES credits_hold (id),
  wallet_id   VARCHAR(36)    NOT NULL,
  lot_id      VARCHAR(36)    NOT NULL REFERENCES credits_lot (id),
  amount      NUMERIC(19,4)  NOT NULL CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_hold_allocation_hold ON credits_hold_allocation (hold_id);

CREATE TABLE credits_idempotency (
  wallet_id     VARCHAR(36)   NOT NULL REFERENCES credits_wallet (id),
  idem_key      VARCHAR(128)  NOT NULL,
  operation     VARCHAR(20)   NOT NULL,
  fingerprint   VARCHAR(64)   NOT NULL,
  result_id     VARCHAR(36)   NOT NULL,
  second_id     VARCHAR(36),
  created_at    BIGINT        NOT NULL,
  PRIMARY KEY (wallet_id, idem_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
