-- credits4j reports: the daily rollup (docs/reports.md, "The daily rollup").
-- A job replays each closed day of a workspace's time zone once, with the same engine as the live
-- reports, and stores what the day did and how it closed, per currency. Reports sum these rows
-- for the closed days of a period and replay only the days after the watermark. Nothing on the
-- ledger's write path reads or writes these tables; deleting a workspace's rows (discardRollup)
-- only makes its reports read the ledger again until the next rollUp. Days are ISO-8601 text.

-- The watermark: every day of the workspace before next_day is rolled up, in time_zone.
CREATE TABLE credits_report_rollup (
  workspace_key       VARCHAR(64)    NOT NULL PRIMARY KEY REFERENCES credits_workspace (ws_key),
  time_zone           VARCHAR(64)    NOT NULL,
  next_day            VARCHAR(10)    NOT NULL,
  updated_at          BIGINT         NOT NULL
);

-- One day of one currency with activity: credits and money moved, and the state at its end.
CREATE TABLE credits_report_day (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key       VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  currency            VARCHAR(3)     NOT NULL,
  report_day          VARCHAR(10)    NOT NULL,
  purchases           BIGINT         NOT NULL,
  credits_sold        NUMERIC(19,4)  NOT NULL,
  credits_rolled_over NUMERIC(19,4)  NOT NULL,
  sold                NUMERIC(24,10) NOT NULL,
  granted             NUMERIC(24,10) NOT NULL,
  consumed            NUMERIC(24,10) NOT NULL,
  deducted            NUMERIC(24,10) NOT NULL,
  expired             NUMERIC(24,10) NOT NULL,
  refunded            NUMERIC(24,10) NOT NULL,
  lot_credits         NUMERIC(19,4)  NOT NULL,
  paid_credits        NUMERIC(19,4)  NOT NULL,
  overdraft_used      NUMERIC(19,4)  NOT NULL,
  deferred            NUMERIC(24,10) NOT NULL,
  organizations       BIGINT         NOT NULL,
  CONSTRAINT uq_report_day UNIQUE (workspace_key, currency, report_day)
);

-- Lines of a day: credits by entry type (TYPE), sales by package (PACKAGE, '' for none), use by
-- offering (OFFERING) and the wallets that used credits (CONSUMER).
CREATE TABLE credits_report_line (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key       VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  currency            VARCHAR(3)     NOT NULL,
  kind                VARCHAR(10)    NOT NULL,
  report_day          VARCHAR(10)    NOT NULL,
  item                VARCHAR(64)    NOT NULL,
  item_count          BIGINT         NOT NULL,
  credits             NUMERIC(19,4)  NOT NULL,
  money               NUMERIC(24,10) NOT NULL,
  CONSTRAINT uq_report_line UNIQUE (workspace_key, currency, kind, report_day, item)
);

-- The state at the START of a day of each valuation unit (UNIT: credits granted, refunded and
-- left) and each wallet (WALLET: credits left in its lots) the day touched: a liability within a
-- rolled-up day replays that day's entries from these.
CREATE TABLE credits_report_state (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key       VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  kind                VARCHAR(10)    NOT NULL,
  currency            VARCHAR(3)     NOT NULL,
  report_day          VARCHAR(10)    NOT NULL,
  item                VARCHAR(70)    NOT NULL,
  granted             NUMERIC(19,4)  NOT NULL,
  refunded            NUMERIC(19,4)  NOT NULL,
  left_credits        NUMERIC(19,4)  NOT NULL,
  CONSTRAINT uq_report_state UNIQUE (workspace_key, kind, currency, report_day, item)
);

-- The same at the watermark, for every unit and wallet ever touched (report_day: the last day that
-- touched it): reports replay the days after the watermark from these.
CREATE TABLE credits_report_latest (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  workspace_key       VARCHAR(64)    NOT NULL REFERENCES credits_workspace (ws_key),
  kind                VARCHAR(10)    NOT NULL,
  currency            VARCHAR(3)     NOT NULL,
  item                VARCHAR(70)    NOT NULL,
  report_day          VARCHAR(10)    NOT NULL,
  granted             NUMERIC(19,4)  NOT NULL,
  refunded            NUMERIC(19,4)  NOT NULL,
  left_credits        NUMERIC(19,4)  NOT NULL,
  CONSTRAINT uq_report_latest UNIQUE (workspace_key, kind, currency, item)
);

-- Lots granted in a span (a rolled-up day's grants), across the workspace's wallets.
CREATE INDEX ix_lot_granted ON credits_lot (granted_at);
-- Requests created in a period (the services report counts them by offering and status).
CREATE INDEX ix_request_created ON credits_service_request (created_at);
