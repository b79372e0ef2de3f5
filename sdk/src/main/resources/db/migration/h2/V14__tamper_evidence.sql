-- Tamper evidence (docs/ledger.md, "Tamper evidence"). Every value below is an HMAC-SHA256 made with
-- a key the database never holds, named by its key id so keys can be rotated. Rows written before
-- this migration keep NULL key ids: their entries stay on the unkeyed SHA-256 chain.

-- The key that made the entry's chain hash; NULL: an unkeyed (pre-V14 or keyless) entry.
ALTER TABLE credits_entry ADD COLUMN key_id VARCHAR(32);

-- The wallet head: HMAC over id, workspace, organization, last_seq, last_hash, keyed_from_seq.
-- keyed_from_seq: the first sequence chained with a key; every later entry must be keyed.
ALTER TABLE credits_wallet ADD COLUMN keyed_from_seq BIGINT;
ALTER TABLE credits_wallet ADD COLUMN head_seal VARCHAR(64);
ALTER TABLE credits_wallet ADD COLUMN head_key_id VARCHAR(32);

-- Lots and purchases are sealed over their immutable columns only (listed in docs/ledger.md), so
-- state columns (remaining, reserved, status, refunds...) change without resealing.
ALTER TABLE credits_lot ADD COLUMN seal VARCHAR(64);
ALTER TABLE credits_lot ADD COLUMN seal_key_id VARCHAR(32);
ALTER TABLE credits_purchase ADD COLUMN seal VARCHAR(64);
ALTER TABLE credits_purchase ADD COLUMN seal_key_id VARCHAR(32);
