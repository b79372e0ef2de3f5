-- credits4j recurring services, PostgreSQL.
-- An offering is ONE_TIME (requested as needed) or RECURRING (subscribed to by an organization and
-- charged its credits every period, counted in the workspace's time zone). Local dates are ISO-8601
-- text (YYYY-MM-DD, so they sort as dates); instants are BIGINT microseconds since the epoch (UTC).
-- Every subscription change and every charge happens under the lock of the organization's wallet.

ALTER TABLE credits_offering ADD COLUMN service_type VARCHAR(10) DEFAULT 'ONE_TIME' NOT NULL;
-- How often a RECURRING offering charges: DAILY, WEEKLY, MONTHLY, QUARTERLY or YEARLY.
ALTER TABLE credits_offering ADD COLUMN period_unit VARCHAR(10);
ALTER TABLE credits_offering ADD CONSTRAINT ck_offering_service_type CHECK (
  (service_type = 'ONE_TIME' AND period_unit IS NULL)
  OR (service_type = 'RECURRING' AND period_unit IS NOT NULL AND pricing_type = 'CREDIT_BASED'));

-- The subscription a USAGE entry charged a period of (null for every other entry).
ALTER TABLE credits_entry ADD COLUMN subscription_id VARCHAR(64);

CREATE TABLE credits_subscription (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key       VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  wallet_id           VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  offering_id         VARCHAR(36)    NOT NULL REFERENCES credits_offering (id),
  offering_name       VARCHAR(200)   NOT NULL,
  credits             NUMERIC(19,4)  NOT NULL CHECK (credits > 0),
  period_unit         VARCHAR(10)    NOT NULL,
  start_date          VARCHAR(10)    NOT NULL,
  status              VARCHAR(10)    NOT NULL,
  pause_reason        VARCHAR(20),
  next_period         INTEGER        NOT NULL CHECK (next_period >= 0),
  next_period_date    VARCHAR(10),
  periods_charged     INTEGER        NOT NULL CHECK (periods_charged >= 0),
  created_by_type     VARCHAR(10)    NOT NULL,
  created_by_id       VARCHAR(128)   NOT NULL,
  created_by_name     VARCHAR(200)   NOT NULL,
  changed_by_type     VARCHAR(10)    NOT NULL,
  changed_by_id       VARCHAR(128)   NOT NULL,
  changed_by_name     VARCHAR(200)   NOT NULL,
  created_at          BIGINT         NOT NULL,
  updated_at          BIGINT         NOT NULL,
  CONSTRAINT ck_subscription_pause CHECK (
    (status = 'PAUSED' AND pause_reason IS NOT NULL)
    OR (status <> 'PAUSED' AND pause_reason IS NULL))
);
-- The scheduler's job looks for ACTIVE subscriptions whose next period has started.
CREATE INDEX ix_subscription_due ON credits_subscription (status, next_period_date);
-- A wallet's list, and the one-live-subscription-per-offering check (under the wallet lock).
CREATE INDEX ix_subscription_wallet ON credits_subscription (wallet_id, offering_id, status);

-- One row per period charged: with the unique key, a period can never be charged twice.
CREATE TABLE credits_subscription_charge (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  subscription_id     VARCHAR(36)    NOT NULL REFERENCES credits_subscription (id),
  wallet_id           VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  period_index        INTEGER        NOT NULL CHECK (period_index >= 0),
  period_start        VARCHAR(10)    NOT NULL,
  period_end          VARCHAR(10)    NOT NULL,
  starts_at           BIGINT         NOT NULL,
  ends_at             BIGINT         NOT NULL,
  credits             NUMERIC(19,4)  NOT NULL CHECK (credits > 0),
  entry_id            VARCHAR(36)    NOT NULL REFERENCES credits_entry (id),
  charged_at          BIGINT         NOT NULL,
  CONSTRAINT uq_subscription_period UNIQUE (subscription_id, period_index)
);
