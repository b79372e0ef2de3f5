package dev.credits4j.api;

import java.util.List;

/**
 * The reports of docs/reports.md, per workspace and per currency, over whole days of the
 * workspace's time zone. Each reads the ledger as it stands; none changes anything. Every figure is
 * defined in docs/reports.md; {@code dev.credits4j.report.CsvExports} writes each as CSV.
 *
 * <p>Bad queries (missing workspace, {@code to} before {@code from}, ...) fail with {@link
 * ErrorCode#INVALID_REQUEST} naming the field; an unknown workspace with {@link
 * ErrorCode#WORKSPACE_NOT_FOUND}.
 */
public interface Reports {

  /** Credits sold, consumed, expired, refunded, added and deducted; sales; rates; averages. */
  SummaryReport summary(ReportQuery query);

  /** Credits consumed and requests per offering, most used first. */
  ServicesReport services(ReportQuery query);

  /** Recognized (consumed, deducted, breakage), refunded and deferred revenue, with a series. */
  RevenueReport revenue(ReportQuery query);

  /** opening + sold + granted − consumed − deducted − expired − refunded = closing. */
  RollForwardReport rollForward(ReportQuery query);

  /** Outstanding credits and their value as of any instant. */
  LiabilityReport liability(LiabilityQuery query);

  /** One organization's usage, purchases, daily balance and coming expirations. */
  OrganizationReport organization(OrganizationReportQuery query);

  /**
   * Reconciles and verifies every wallet of the workspace and looks for purchases paid but not
   * credited and duplicated idempotency keys. Reads all of the workspace's history: a maintenance
   * report, not one for a dashboard.
   */
  BalanceReconciliation reconciliation(String workspace);

  /**
   * Brings the workspace's daily rollup up to its last closed day (a day closes an hour after it
   * ends in the workspace's time zone): replays each day not rolled up yet once and stores its
   * figures, so that reports over those days read one row per day instead of the day's entries.
   * Safe to run on several nodes at once and at any time; a change of the workspace's time zone
   * rebuilds the rollup. Reports are the same with or without it (docs/reports.md, "The daily
   * rollup").
   */
  RollupReport rollUp(String workspace);

  /** {@link #rollUp} for every workspace; a failing workspace is logged and skipped. */
  List<RollupReport> rollUpAll();

  /**
   * Deletes the workspace's rollup: its reports read the ledger again until the next {@link
   * #rollUp}, which starts over from its first entry. For an operator whose ledger got entries
   * dated into days already rolled up (e.g. imported history).
   */
  void discardRollup(String workspace);
}
