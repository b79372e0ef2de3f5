-- The lease of an Idempotency-Key claim (h2): until when (microseconds since the epoch) the claim's
-- owner is known to be alive. The owner renews it every few seconds while its operation runs; a
-- claim whose lease has run out belongs to a process that died (killed, crashed, cut off from the
-- database) and a retry of the key takes it over at once instead of waiting a minute. NULL for
-- claims written before this version: those still count as abandoned 60 s after created_at.

ALTER TABLE credits_api_idempotency ADD COLUMN lease_until BIGINT;
