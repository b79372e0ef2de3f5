package dev.credits4j.statement;

import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a statement: an offering's usage ({@link #USAGE}) or a lot expiring soon ({@link
 * #EXPIRING}). Never updated.
 */
@Entity
@Table(name = "credits_statement_line")
class StatementLine {
  static final String USAGE = "USAGE";
  static final String EXPIRING = "EXPIRING";

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "statement_id", nullable = false, length = 36, updatable = false)
  private String statementId;

  @Column(name = "line_no", nullable = false, updatable = false)
  private int lineNo;

  @Column(name = "kind", nullable = false, length = 10, updatable = false)
  private String kind;

  @Column(name = "offering_id", length = 64, updatable = false)
  private String offeringId;

  @Column(name = "label", length = 200, updatable = false)
  private String label;

  @Column(name = "credits", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal credits;

  @Column(name = "entries", updatable = false)
  private Long entries;

  @Column(name = "lot_id", length = 36, updatable = false)
  private String lotId;

  @Column(name = "expires_at", updatable = false)
  private Long expiresAt;

  protected StatementLine() {}

  static StatementLine usage(
      String id,
      String statementId,
      int lineNo,
      String offeringId,
      String label,
      BigDecimal credits,
      long entries) {
    StatementLine l = new StatementLine();
    l.id = id;
    l.statementId = statementId;
    l.lineNo = lineNo;
    l.kind = USAGE;
    l.offeringId = offeringId;
    l.label = label;
    l.credits = credits;
    l.entries = entries;
    return l;
  }

  static StatementLine expiring(
      String id,
      String statementId,
      int lineNo,
      String lotId,
      BigDecimal credits,
      Instant expiresAt) {
    StatementLine l = new StatementLine();
    l.id = id;
    l.statementId = statementId;
    l.lineNo = lineNo;
    l.kind = EXPIRING;
    l.lotId = lotId;
    l.credits = credits;
    l.expiresAt = Micros.of(expiresAt);
    return l;
  }

  int getLineNo() {
    return lineNo;
  }

  String getKind() {
    return kind;
  }

  String getOfferingId() {
    return offeringId;
  }

  String getLabel() {
    return label;
  }

  BigDecimal getCredits() {
    return credits;
  }

  Long getEntries() {
    return entries;
  }

  String getLotId() {
    return lotId;
  }

  Instant getExpiresAt() {
    return Micros.toInstant(expiresAt);
  }
}
