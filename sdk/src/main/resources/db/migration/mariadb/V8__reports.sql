-- credits4j reports: indexes only (no table, nothing on the write path but two index entries).
-- Reports replay a workspace's entries of a period in ledger order (occurred-at, id) in keyset
-- pages; this index serves those pages without sorting the period.
CREATE INDEX ix_entry_occurred ON credits_entry (occurred_at, id);
-- A purchase's lots (its own, transferred and rolled-over ones): the value of its credits
-- (reports, a purchase's revenue and refunds).
CREATE INDEX ix_lot_purchase ON credits_lot (purchase_id);
