package dev.credits4j.report;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The state of a valuation unit ({@link #UNIT}: credits granted, refunded and left, see {@link
 * ValuationUnits}) or a wallet ({@link #WALLET}: credits left in its lots of the currency) as the
 * rollup stores it.
 */
@MappedSuperclass
abstract class RollupStateRow {
  static final String UNIT = "UNIT";
  static final String WALLET = "WALLET";

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  private String workspace;

  @Column(name = "kind", nullable = false, length = 10, updatable = false)
  private String kind;

  @Column(name = "currency", nullable = false, length = 3, updatable = false)
  private String currency;

  @Column(name = "item", nullable = false, length = 70, updatable = false)
  private String item;

  @Column(name = "report_day", nullable = false, length = 10, updatable = false)
  private String reportDay;

  @Column(name = "granted", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal granted;

  @Column(name = "refunded", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal refunded;

  @Column(name = "left_credits", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal leftCredits;

  protected RollupStateRow() {}

  String kind() {
    return kind;
  }

  String currency() {
    return currency;
  }

  String item() {
    return item;
  }

  RollupStateRow(
      String id,
      String workspace,
      String kind,
      String currency,
      String item,
      LocalDate day,
      BigDecimal granted,
      BigDecimal refunded,
      BigDecimal left) {
    this.id = id;
    this.workspace = workspace;
    this.kind = kind;
    this.currency = currency;
    this.item = item;
    this.reportDay = day.toString();
    this.granted = granted;
    this.refunded = refunded;
    this.leftCredits = left;
  }
}
