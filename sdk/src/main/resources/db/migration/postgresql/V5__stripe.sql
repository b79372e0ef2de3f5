-- credits4j Stripe webhooks, PostgreSQL.
-- One row per Stripe event id handled: a redelivered event (Stripe retries, and may deliver the
-- same event more than once, concurrently or out of order) finds its row and changes nothing.
-- The effect itself (paying, failing) is idempotent in the purchase state machine; the row is
-- written once that effect committed, so a crash in between means one more, harmless, delivery.

CREATE TABLE credits_stripe_event (
  event_id            VARCHAR(255)   NOT NULL PRIMARY KEY,
  event_type          VARCHAR(100)   NOT NULL,
  purchase_id         VARCHAR(36),
  outcome             VARCHAR(20)    NOT NULL,
  detail              VARCHAR(500),
  received_at         BIGINT         NOT NULL
);
CREATE INDEX ix_stripe_event_purchase ON credits_stripe_event (purchase_id);
