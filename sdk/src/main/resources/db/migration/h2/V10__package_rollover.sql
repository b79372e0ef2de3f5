-- credits4j package-level rollover, H2.
-- A package may carry its own rule for the credits its purchases leave unused at expiry, replacing
-- the workspace's rollover settings for them; a purchase keeps a snapshot of it as bought, and the
-- lot a purchase grants carries it as the lot's own rollover rule (see V7).

-- The package's own rule: none when rollover_enabled is NULL (the workspace's settings apply);
-- otherwise enabled or not, with optional caps (in credits, in percent) only when enabled.
ALTER TABLE credits_package ADD COLUMN rollover_enabled BOOLEAN;
ALTER TABLE credits_package ADD COLUMN rollover_cap_credits NUMERIC(19,4);
ALTER TABLE credits_package ADD COLUMN rollover_cap_percent INTEGER;
ALTER TABLE credits_package ADD CONSTRAINT ck_package_rollover CHECK (
  (rollover_cap_credits IS NULL OR rollover_cap_credits > 0)
  AND (rollover_cap_percent IS NULL OR rollover_cap_percent BETWEEN 1 AND 100)
  AND ((rollover_cap_credits IS NULL AND rollover_cap_percent IS NULL)
       OR (rollover_enabled IS NOT NULL AND rollover_enabled = TRUE)));

-- The package's rule as bought: what the purchase's lot gets when its credits are granted.
ALTER TABLE credits_purchase ADD COLUMN rollover_enabled BOOLEAN;
ALTER TABLE credits_purchase ADD COLUMN rollover_cap_credits NUMERIC(19,4);
ALTER TABLE credits_purchase ADD COLUMN rollover_cap_percent INTEGER;
ALTER TABLE credits_purchase ADD CONSTRAINT ck_purchase_rollover CHECK (
  (rollover_cap_credits IS NULL OR rollover_cap_credits > 0)
  AND (rollover_cap_percent IS NULL OR rollover_cap_percent BETWEEN 1 AND 100)
  AND ((rollover_cap_credits IS NULL AND rollover_cap_percent IS NULL)
       OR (rollover_enabled IS NOT NULL AND rollover_enabled = TRUE)));

-- A lot's own rule may also cap what rolls over at a percent of the credits the lot gives up at
-- expiry (rounded down to the workspace's credit scale), besides rollover_max; only with a rule.
ALTER TABLE credits_lot ADD COLUMN rollover_max_percent INTEGER;
ALTER TABLE credits_lot ADD CONSTRAINT ck_lot_rollover_percent CHECK (
  rollover_max_percent IS NULL
  OR (rollover_max IS NOT NULL AND rollover_max_percent BETWEEN 1 AND 100));
