-- A refund is money owed until the gateway accepts it: PENDING (not sent yet, or the gateway
-- refused or could not be reached; the resend job and POST .../resend try again), SENT (the
-- gateway accepted it), FAILED (given up on by staff; the money is owed outside the gateway).
ALTER TABLE credits_purchase_refund ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'PENDING';
ALTER TABLE credits_purchase_refund ADD COLUMN attempts INT NOT NULL DEFAULT 0;
UPDATE credits_purchase_refund SET status = 'SENT', attempts = 1 WHERE sent = TRUE;
UPDATE credits_purchase_refund SET attempts = 1 WHERE sent = FALSE;
ALTER TABLE credits_purchase_refund ADD CONSTRAINT ck_purchase_refund_status
  CHECK (status IN ('PENDING', 'SENT', 'FAILED'));
CREATE INDEX ix_purchase_refund_status ON credits_purchase_refund (status, created_at);
