-- The owner of an Idempotency-Key claim (h2): a random token per claim. Only the holder of the
-- claim may store its response or release it, so a request whose claim was taken over by a retry
-- (after the claim was abandoned) can never overwrite the retry's stored response.

ALTER TABLE credits_api_idempotency ADD COLUMN claim_owner CHAR(32);
