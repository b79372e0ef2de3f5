package dev.credits4j.statement;

import dev.credits4j.api.LotId;
import dev.credits4j.api.OfferingId;
import dev.credits4j.api.StatementId;
import dev.credits4j.api.StatementView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One organization's statement for one month: unique per (wallet, period start), so a month is
 * issued once however many runs race; written with its lines and its notification in one
 * transaction and never updated.
 */
@Entity
@Table(name = "credits_statement")
class Statement {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  private String workspaceKey;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @Column(name = "organization_id", nullable = false, length = 128, updatable = false)
  private String organizationId;

  @Column(name = "period_start", nullable = false, length = 10, updatable = false)
  private String periodStart;

  @Column(name = "period_end", nullable = false, length = 10, updatable = false)
  private String periodEnd;

  @Column(name = "time_zone", nullable = false, length = 64, updatable = false)
  private String timeZone;

  @Column(name = "starts_at", nullable = false, updatable = false)
  private Long startsAt;

  @Column(name = "ends_at", nullable = false, updatable = false)
  private Long endsAt;

  @Column(name = "opening_balance", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal openingBalance;

  @Column(name = "credits_bought", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal creditsBought;

  @Column(name = "credits_granted", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal creditsGranted;

  @Column(name = "credits_received", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal creditsReceived;

  @Column(name = "credits_used", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal creditsUsed;

  @Column(name = "credits_reversed", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal creditsReversed;

  @Column(name = "credits_deducted", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal creditsDeducted;

  @Column(name = "credits_refunded", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal creditsRefunded;

  @Column(name = "credits_sent", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal creditsSent;

  @Column(name = "credits_expired", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal creditsExpired;

  @Column(name = "closing_balance", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal closingBalance;

  @Column(name = "usage_entries", nullable = false, updatable = false)
  private long usageEntries;

  @Column(name = "expiring_days", nullable = false, updatable = false)
  private int expiringDays;

  @Column(name = "issued_at", nullable = false, updatable = false)
  private Long issuedAt;

  protected Statement() {}

  /** The month's figures, each positive or zero but {@code other}, as {@link StatementView}. */
  record Figures(
      BigDecimal opening,
      BigDecimal bought,
      BigDecimal granted,
      BigDecimal received,
      BigDecimal used,
      BigDecimal reversed,
      BigDecimal deducted,
      BigDecimal refunded,
      BigDecimal sent,
      BigDecimal expired,
      BigDecimal closing,
      long usageEntries) {}

  Statement(
      String id,
      String workspaceKey,
      String walletId,
      String organizationId,
      LocalDate periodStart,
      LocalDate periodEnd,
      ZoneId zone,
      Figures f,
      int expiringDays,
      java.time.Instant issuedAt) {
    this.id = id;
    this.workspaceKey = workspaceKey;
    this.walletId = walletId;
    this.organizationId = organizationId;
    this.periodStart = periodStart.toString();
    this.periodEnd = periodEnd.toString();
    this.timeZone = zone.getId();
    this.startsAt = Micros.of(periodStart.atStartOfDay(zone).toInstant());
    this.endsAt = Micros.of(periodEnd.atStartOfDay(zone).toInstant());
    this.openingBalance = f.opening();
    this.creditsBought = f.bought();
    this.creditsGranted = f.granted();
    this.creditsReceived = f.received();
    this.creditsUsed = f.used();
    this.creditsReversed = f.reversed();
    this.creditsDeducted = f.deducted();
    this.creditsRefunded = f.refunded();
    this.creditsSent = f.sent();
    this.creditsExpired = f.expired();
    this.closingBalance = f.closing();
    this.usageEntries = f.usageEntries();
    this.expiringDays = expiringDays;
    this.issuedAt = Micros.of(issuedAt);
  }

  String getId() {
    return id;
  }

  String getWorkspaceKey() {
    return workspaceKey;
  }

  String getWalletId() {
    return walletId;
  }

  String getPeriodStart() {
    return periodStart;
  }

  /** The API's view of this statement with its lines (in line order). */
  StatementView view(List<StatementLine> lines) {
    List<StatementView.OfferingUsage> usage = new ArrayList<>();
    List<StatementView.ExpiringCredits> expiring = new ArrayList<>();
    for (StatementLine l : lines) {
      if (StatementLine.USAGE.equals(l.getKind())) {
        usage.add(
            new StatementView.OfferingUsage(
                l.getOfferingId() == null
                    ? null
                    : new OfferingId(UUID.fromString(l.getOfferingId())),
                l.getLabel(),
                CreditAmounts.normalize(l.getCredits()),
                l.getEntries()));
      } else {
        expiring.add(
            new StatementView.ExpiringCredits(
                new LotId(UUID.fromString(l.getLotId())),
                CreditAmounts.normalize(l.getCredits()),
                l.getExpiresAt()));
      }
    }
    BigDecimal other =
        closingBalance
            .subtract(openingBalance)
            .subtract(creditsBought)
            .subtract(creditsGranted)
            .subtract(creditsReceived)
            .subtract(creditsReversed)
            .add(creditsUsed)
            .add(creditsDeducted)
            .add(creditsRefunded)
            .add(creditsSent)
            .add(creditsExpired);
    return new StatementView(
        new StatementId(UUID.fromString(id)),
        new WalletRef(workspaceKey, organizationId),
        LocalDate.parse(periodStart),
        LocalDate.parse(periodEnd),
        ZoneId.of(timeZone),
        Micros.toInstant(startsAt),
        Micros.toInstant(endsAt),
        CreditAmounts.normalize(openingBalance),
        CreditAmounts.normalize(creditsBought),
        CreditAmounts.normalize(creditsGranted),
        CreditAmounts.normalize(creditsReceived),
        CreditAmounts.normalize(creditsUsed),
        CreditAmounts.normalize(creditsReversed),
        CreditAmounts.normalize(creditsDeducted),
        CreditAmounts.normalize(creditsRefunded),
        CreditAmounts.normalize(creditsSent),
        CreditAmounts.normalize(creditsExpired),
        CreditAmounts.normalize(other),
        CreditAmounts.normalize(closingBalance),
        List.copyOf(usage),
        expiringDays,
        List.copyOf(expiring),
        Micros.toInstant(issuedAt));
  }
}
