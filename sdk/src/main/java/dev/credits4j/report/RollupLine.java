package dev.credits4j.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a rolled-up day: credits of an entry type ({@link #TYPE}), sales of a package ({@link
 * #PACKAGE}; item {@code ""} for purchases without one), use of an offering ({@link #OFFERING}) or
 * a wallet that used credits ({@link #CONSUMER}). Written once, never updated.
 */
@Entity
@Table(name = "credits_report_line")
class RollupLine {
  static final String TYPE = "TYPE";
  static final String PACKAGE = "PACKAGE";
  static final String OFFERING = "OFFERING";
  static final String CONSUMER = "CONSUMER";

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  private String workspace;

  @Column(name = "currency", nullable = false, length = 3, updatable = false)
  private String currency;

  @Column(name = "kind", nullable = false, length = 10, updatable = false)
  private String kind;

  @Column(name = "report_day", nullable = false, length = 10, updatable = false)
  private String reportDay;

  @Column(name = "item", nullable = false, length = 64, updatable = false)
  private String item;

  @Column(name = "item_count", nullable = false, updatable = false)
  private long itemCount;

  @Column(name = "credits", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal credits;

  @Column(name = "money", nullable = false, precision = 24, scale = 10, updatable = false)
  private BigDecimal money;

  protected RollupLine() {}

  RollupLine(
      String id,
      String workspace,
      String currency,
      String kind,
      LocalDate day,
      String item,
      long count,
      BigDecimal credits,
      BigDecimal money) {
    this.id = id;
    this.workspace = workspace;
    this.currency = currency;
    this.kind = kind;
    this.reportDay = day.toString();
    this.item = item;
    this.itemCount = count;
    this.credits = credits;
    this.money = money;
  }
}
