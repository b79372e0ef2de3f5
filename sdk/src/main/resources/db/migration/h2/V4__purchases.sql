-- credits4j purchases, H2.
-- A purchase keeps a snapshot of the package as bought. Money is NUMERIC plus an ISO currency code;
-- instants are BIGINT microseconds since the epoch (UTC). Every purchase change happens under the
-- lock of the organization's wallet row.

CREATE TABLE credits_purchase (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key       VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  wallet_id           VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  package_id          VARCHAR(36)    NOT NULL REFERENCES credits_package (id),
  package_name        VARCHAR(200)   NOT NULL,
  credits             NUMERIC(19,4)  NOT NULL CHECK (credits > 0),
  bonus_credits       NUMERIC(19,4)  NOT NULL CHECK (bonus_credits >= 0),
  price               NUMERIC(19,4)  NOT NULL CHECK (price >= 0),
  currency            VARCHAR(3)     NOT NULL,
  cost_basis          NUMERIC(24,10) NOT NULL CHECK (cost_basis >= 0),
  expiry_days         INTEGER,
  status              VARCHAR(20)    NOT NULL,
  gateway             VARCHAR(64)    NOT NULL,
  gateway_reference   VARCHAR(255),
  failure_reason      VARCHAR(500),
  created_by_type     VARCHAR(10)    NOT NULL,
  created_by_id       VARCHAR(128)   NOT NULL,
  created_by_name     VARCHAR(200)   NOT NULL,
  confirmed_by_type   VARCHAR(10),
  confirmed_by_id     VARCHAR(128),
  confirmed_by_name   VARCHAR(200),
  amount_paid         NUMERIC(19,4),
  credits_refunded    NUMERIC(19,4)  NOT NULL CHECK (credits_refunded >= 0),
  amount_refunded     NUMERIC(19,4)  NOT NULL CHECK (amount_refunded >= 0),
  lot_id              VARCHAR(36)    REFERENCES credits_lot (id),
  credit_entry_id     VARCHAR(36)    REFERENCES credits_entry (id),
  idempotency_key     VARCHAR(128),
  created_at          BIGINT         NOT NULL,
  paid_at             BIGINT,
  credited_at         BIGINT,
  updated_at          BIGINT         NOT NULL,
  CONSTRAINT uq_purchase_key UNIQUE (wallet_id, idempotency_key),
  CONSTRAINT ck_purchase_refund CHECK (credits_refunded <= credits + bonus_credits)
);
-- An organization's purchases, and its count towards a package's purchase limit.
CREATE INDEX ix_purchase_wallet ON credits_purchase (wallet_id, package_id, status);
-- The reconciliation job looks for PAID purchases.
CREATE INDEX ix_purchase_status ON credits_purchase (status);

CREATE TABLE credits_purchase_refund (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  purchase_id         VARCHAR(36)    NOT NULL REFERENCES credits_purchase (id),
  wallet_id           VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  credits             NUMERIC(19,4)  NOT NULL CHECK (credits > 0),
  amount              NUMERIC(19,4)  NOT NULL CHECK (amount >= 0),
  currency            VARCHAR(3)     NOT NULL,
  entry_id            VARCHAR(36)    NOT NULL REFERENCES credits_entry (id),
  sent                BOOLEAN        NOT NULL,
  gateway_reference   VARCHAR(255),
  failure_reason      VARCHAR(500),
  actor_type          VARCHAR(10)    NOT NULL,
  actor_id            VARCHAR(128)   NOT NULL,
  actor_name          VARCHAR(200)   NOT NULL,
  requested_credits   NUMERIC(19,4),
  idempotency_key     VARCHAR(128),
  created_at          BIGINT         NOT NULL,
  updated_at          BIGINT         NOT NULL,
  CONSTRAINT uq_purchase_refund_key UNIQUE (purchase_id, idempotency_key)
);
CREATE INDEX ix_purchase_refund_purchase ON credits_purchase_refund (purchase_id, created_at);
