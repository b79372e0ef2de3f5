package dev.credits4j.report;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A unit's or wallet's state at the rollup's watermark ({@code day}: the last rolled-up day that
 * touched it): reports replay the days after the watermark from these. Replaced, in the transaction
 * that moves the watermark, whenever a rolled-up day touches the unit or wallet.
 */
@Entity
@Table(name = "credits_report_latest")
class RollupLatest extends RollupStateRow {
  protected RollupLatest() {}

  RollupLatest(
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
