-- credits4j notifications, PostgreSQL.
-- The transactional outbox: each notification is inserted in the same transaction as the change
-- it reports (a purchase credited, a refund, an expiry, a low balance, an expiry warning), so it
-- exists exactly when the change committed. Dispatchers claim due rows with a conditional UPDATE
-- that sets claim_token and claimed_until (a lease that lapses if the node dies), deliver outside
-- any transaction, and record each notifier's success in credits_notification_delivery before
-- marking the row DELIVERED. Failures back off exponentially (next_attempt_at) up to a maximum of
-- attempts, after which the row is DEAD for an operator to retry.

-- When the low-balance alert fired for the wallet's current dip below the threshold; NULL: armed.
-- Changed only under the wallet's lock, in the transaction of the debit or credit that moves it.
ALTER TABLE credits_wallet ADD COLUMN low_balance_alerted_at BIGINT;

CREATE TABLE credits_notification (
  id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
  notification_type   VARCHAR(32)    NOT NULL,
  workspace_key       VARCHAR(64)    NOT NULL,
  organization_id     VARCHAR(128)   NOT NULL,
  wallet_id           VARCHAR(36)    NOT NULL,
  occurred_at         BIGINT         NOT NULL,
  credits             NUMERIC(19,4),
  money_amount        NUMERIC(19,4),
  money_currency      VARCHAR(3),
  lot_id              VARCHAR(36),
  purchase_id         VARCHAR(64),
  entry_id            VARCHAR(36),
  expires_at          BIGINT,
  details             VARCHAR(4000)  NOT NULL,
  status              VARCHAR(16)    NOT NULL,
  attempts            INTEGER        NOT NULL,
  next_attempt_at     BIGINT         NOT NULL,
  claim_token         VARCHAR(36),
  claimed_until       BIGINT,
  last_error          VARCHAR(1000),
  delivered_at        BIGINT,
  CONSTRAINT ck_notification_status CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
  CONSTRAINT ck_notification_attempts CHECK (attempts >= 0)
);
-- Dispatchers look for due rows by next attempt.
CREATE INDEX ix_notification_due ON credits_notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX ix_notification_claim ON credits_notification (claim_token);
CREATE INDEX ix_notification_wallet ON credits_notification (wallet_id, occurred_at);

-- One row per notifier that accepted a notification: a retry skips the notifiers listed here.
CREATE TABLE credits_notification_delivery (
  notification_id     VARCHAR(36)    NOT NULL,
  notifier            VARCHAR(64)    NOT NULL,
  delivered_at        BIGINT         NOT NULL,
  PRIMARY KEY (notification_id, notifier)
);

-- One row per lot and warning window (days before expiry) warned of: the primary key makes each
-- expiring-soon warning go out once, however many runs race for it.
CREATE TABLE credits_expiry_warning (
  lot_id              VARCHAR(36)    NOT NULL,
  warning_days        INTEGER        NOT NULL,
  wallet_id           VARCHAR(36)    NOT NULL,
  notification_id     VARCHAR(36)    NOT NULL,
  created_at          BIGINT         NOT NULL,
  PRIMARY KEY (lot_id, warning_days)
);
