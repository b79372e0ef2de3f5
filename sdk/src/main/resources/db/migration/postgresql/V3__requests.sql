-- credits4j offerings (services) and service requests, PostgreSQL.
-- An offering is never deleted (requests refer to it): it is deactivated. A request is changed only
-- under its wallet's lock; its ledger entries and hold carry its id in their references, so no
-- foreign key points from it to them. Instants are BIGINT microseconds since the epoch (UTC).

CREATE TABLE credits_offering (
  id                    VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key         VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  name                  VARCHAR(200)   NOT NULL,
  description           VARCHAR(2000),
  pricing_type          VARCHAR(16)    NOT NULL,
  credits_per_unit      NUMERIC(19,4)  CHECK (credits_per_unit > 0),
  unit_size             NUMERIC(19,4)  CHECK (unit_size > 0),
  unit_label            VARCHAR(64),
  price                 NUMERIC(19,4)  CHECK (price >= 0),
  currency              VARCHAR(3),
  concurrent_limit      INTEGER        CHECK (concurrent_limit >= 1),
  total_limit           INTEGER        CHECK (total_limit >= 1),
  active                BOOLEAN        NOT NULL,
  estimated             BOOLEAN        NOT NULL,
  hold_timeout_seconds  BIGINT         CHECK (hold_timeout_seconds > 0),
  reverse_on_cancel     BOOLEAN        NOT NULL,
  delivery_notes        VARCHAR(2000),
  created_at            BIGINT         NOT NULL,
  updated_at            BIGINT         NOT NULL,
  CONSTRAINT ck_offering_pricing CHECK (
    (pricing_type = 'CREDIT_BASED' AND credits_per_unit IS NOT NULL AND unit_size IS NOT NULL
       AND price IS NULL)
    OR (pricing_type = 'STANDARD' AND credits_per_unit IS NULL AND price IS NOT NULL
       AND currency IS NOT NULL AND estimated = FALSE))
);
-- The team's list reads one workspace's offerings, by state.
CREATE INDEX ix_offering_workspace ON credits_offering (workspace_key, active);

CREATE TABLE credits_service_request (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  wallet_id           VARCHAR(36)    NOT NULL REFERENCES credits_wallet (id),
  offering_id         VARCHAR(36)    NOT NULL REFERENCES credits_offering (id),
  pricing_type        VARCHAR(16)    NOT NULL,
  estimated           BOOLEAN        NOT NULL,
  units               NUMERIC(19,4)  NOT NULL CHECK (units > 0),
  credits_per_unit    NUMERIC(19,4),
  unit_size           NUMERIC(19,4),
  credits             NUMERIC(19,4)  NOT NULL CHECK (credits >= 0),
  price               NUMERIC(19,4),
  currency            VARCHAR(3),
  status              VARCHAR(16)    NOT NULL,
  notes               VARCHAR(2000),
  usage_entry_id      VARCHAR(36),
  hold_id             VARCHAR(36),
  reversal_entry_id   VARCHAR(36),
  cancel_reason       VARCHAR(500),
  actor_type          VARCHAR(16)    NOT NULL,
  actor_id            VARCHAR(128)   NOT NULL,
  actor_name          VARCHAR(200)   NOT NULL,
  created_at          BIGINT         NOT NULL,
  started_at          BIGINT,
  delivered_at        BIGINT,
  canceled_at         BIGINT
);
-- Limit counts (under the wallet lock) and a wallet's request list: by wallet, offering, status.
CREATE INDEX ix_request_wallet ON credits_service_request (wallet_id, offering_id, status);
