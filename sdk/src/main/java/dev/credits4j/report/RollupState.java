package dev.credits4j.report;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A unit's or wallet's state at the start of a rolled-up day that touched it: a liability within
 * that day replays the day's entries from these. Written once, never updated.
 */
@Entity
@Table(name = "credits_report_state")
class RollupState extends RollupStateRow {
  protected RollupState() {}

  RollupState(
      String id,
      String workspace,
      String kind,
      String currency,
      String item,
      LocalDate day,
      BigDecimal granted,
      BigDecimal refunded,
      BigDecimal left) {
    super(id, workspace, kind, currency, item, day, granted, refunded, left);
  }
}
