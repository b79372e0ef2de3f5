-- credits4j report lines by day, PostgreSQL.
-- Period reports read a workspace's rolled-up lines of a range of days, of one kind or of every
-- kind but one (kind <> 'CONSUMER'). uq_report_line (workspace, currency, kind, day, item) cannot
-- narrow the second to the range, so it was read by a scan of the whole table, which grows with
-- every day rolled up (a month's summary: 32 ms at 1M entries, 103 ms at 10M on PostgreSQL).
-- With this index a period costs its own days.
CREATE INDEX ix_report_line_day ON credits_report_line (workspace_key, currency, report_day);
