-- credits4j credit-package catalog, PostgreSQL.
-- A package is never deleted (purchases refer to it): it is deactivated. Prices are NUMERIC plus an
-- ISO currency code; instants are BIGINT microseconds since the epoch (UTC).

CREATE TABLE credits_package (
  id                   VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key        VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  name                 VARCHAR(200)   NOT NULL,
  description          VARCHAR(2000),
  credits              NUMERIC(19,4)  NOT NULL CHECK (credits > 0),
  bonus_credits        NUMERIC(19,4)  NOT NULL CHECK (bonus_credits >= 0),
  price                NUMERIC(19,4)  NOT NULL CHECK (price >= 0),
  currency             VARCHAR(3)     NOT NULL,
  expiry_days          INTEGER        CHECK (expiry_days BETWEEN 1 AND 36500),
  active               BOOLEAN        NOT NULL,
  featured             BOOLEAN        NOT NULL,
  shown_in_catalog     BOOLEAN        NOT NULL,
  promotion_starts_at  BIGINT,
  promotion_ends_at    BIGINT,
  purchase_limit       INTEGER        CHECK (purchase_limit >= 1),
  sort_order           INTEGER        NOT NULL,
  created_at           BIGINT         NOT NULL,
  updated_at           BIGINT         NOT NULL,
  CONSTRAINT ck_package_window CHECK (promotion_starts_at IS NULL OR promotion_ends_at IS NULL
                                      OR promotion_ends_at > promotion_starts_at)
);
-- The team's list and the client catalog read one workspace's packages, by state.
CREATE INDEX ix_package_workspace ON credits_package (workspace_key, active);
