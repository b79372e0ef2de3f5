package dev.credits4j.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One rolled-up day of one currency of a workspace: what the day moved (credits and money, as
 * {@link PeriodMovements} counts them) and the state at its end. Written once, never updated.
 */
@Entity
@Table(name = "credits_report_day")
class RollupDay {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  private String workspace;

  @Column(name = "currency", nullable = false, length = 3, updatable = false)
  private String currency;

  @Column(name = "report_day", nullable = false, length = 10, updatable = false)
  private String reportDay;

  @Column(name = "purchases", nullable = false, updatable = false)
  long purchases;

  @Column(name = "credits_sold", nullable = false, precision = 19, scale = 4, updatable = false)
  BigDecimal creditsSold;

  @Column(
      name = "credits_rolled_over",
      nullable = false,
      precision = 19,
      scale = 4,
      updatable = false)
  BigDecimal creditsRolledOver;

  @Column(name = "sold", nullable = false, precision = 24, scale = 10, updatable = false)
  BigDecimal sold;

  @Column(name = "granted", nullable = false, precision = 24, scale = 10, updatable = false)
  BigDecimal granted;

  @Column(name = "consumed", nullable = false, precision = 24, scale = 10, updatable = false)
  BigDecimal consumed;

  @Column(name = "deducted", nullable = false, precision = 24, scale = 10, updatable = false)
  BigDecimal deducted;

  @Column(name = "expired", nullable = false, precision = 24, scale = 10, updatable = false)
  BigDecimal expired;

  @Column(name = "refunded", nullable = false, precision = 24, scale = 10, updatable = false)
  BigDecimal refunded;

  @Column(name = "lot_credits", nullable = false, precision = 19, scale = 4, updatable = false)
  BigDecimal lotCredits;

  @Column(name = "paid_credits", nullable = false, precision = 19, scale = 4, updatable = false)
  BigDecimal paidCredits;

  @Column(name = "overdraft_used", nullable = false, precision = 19, scale = 4, updatable = false)
  BigDecimal overdraftUsed;

  @Column(name = "deferred", nullable = false, precision = 24, scale = 10, updatable = false)
  BigDecimal deferred;

  @Column(name = "organizations", nullable = false, updatable = false)
  long organizations;

  protected RollupDay() {}

  RollupDay(String id, String workspace, String currency, LocalDate day) {
    this.id = id;
    this.workspace = workspace;
    this.currency = currency;
    this.reportDay = day.toString();
  }

  LocalDate day() {
    return LocalDate.parse(reportDay);
  }
}
