package dev.credits4j.rest.dto;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AllocationView;
import dev.credits4j.api.AllotmentReport;
import dev.credits4j.api.Balance;
import dev.credits4j.api.CaptureResult;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.DispatchReport;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotView;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.PackageRollover;
import dev.credits4j.api.PurchaseRefundView;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.References;
import dev.credits4j.api.RollupReport;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.TransferResult;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.report.CsvExports.Counterparty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.money.MonetaryAmount;

/** Maps the SDK's records to the API's DTOs: credits as plain numbers, money as decimal strings. */
public final class Dtos {
  private Dtos() {}

  /** A credit amount without storage-scale zeros: 100.0000 → 100, 12.5000 → 12.5. */
  public static BigDecimal credits(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal v = value.stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  /**
   * Money with at least the currency's minor unit and no trailing zeros beyond it: 449 USD →
   * "449.00", a cost basis of 0.8980000000 USD → "0.898".
   */
  public static MoneyDto money(MonetaryAmount amount) {
    if (amount == null) {
      return null;
    }
    BigDecimal v = amount.getNumber().numberValueExact(BigDecimal.class).stripTrailingZeros();
    int digits = Math.max(0, amount.getCurrency().getDefaultFractionDigits());
    v = v.setScale(Math.max(digits, v.scale()));
    return new MoneyDto(v.toPlainString(), amount.getCurrency().getCurrencyCode());
  }

  private static String text(Object id) {
    return id == null ? null : id.toString();
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }

  public static ActorDto actor(Actor a) {
    return a == null ? null : new ActorDto(a.type().name(), a.id(), a.name());
  }

  public static ReferencesDto references(References r) {
    if (r == null || r.equals(References.NONE)) {
      return null;
    }
    return new ReferencesDto(
        r.packageId(), r.purchaseId(), r.offeringId(), r.requestId(), r.subscriptionId());
  }

  private static String organization(WalletRef w) {
    return w == null ? null : w.organization();
  }

  public static EntryResponse entry(LedgerEntryView e) {
    return entry(e, Counterparty.SHOWN);
  }

  /**
   * An entry; without its counterparty when {@code counterparty} is HIDDEN (a client sees that
   * credits moved, not which other organization of the workspace they moved to or from).
   */
  public static EntryResponse entry(LedgerEntryView e, Counterparty counterparty) {
    return new EntryResponse(
        text(e.id()),
        organization(e.wallet()),
        e.sequence(),
        name(e.type()),
        name(e.reason()),
        credits(e.amount()),
        credits(e.balanceAfter()),
        e.occurredAt(),
        e.description(),
        actor(e.actor()),
        references(e.references()),
        counterparty == Counterparty.SHOWN ? organization(e.counterparty()) : null,
        text(e.reversedEntry()),
        text(e.hold()),
        e.hash(),
        e.allocations().stream().map(Dtos::allocation).toList());
  }

  private static AllocationResponse allocation(AllocationView a) {
    return new AllocationResponse(text(a.lot()), credits(a.amount()));
  }

  public static LotResponse lot(LotView l) {
    return new LotResponse(
        text(l.id()),
        name(l.source()),
        credits(l.original()),
        credits(l.remaining()),
        credits(l.reserved()),
        credits(l.free()),
        l.grantedAt(),
        l.effectiveAt(),
        l.expiresAt(),
        money(l.costBasis()),
        l.priority());
  }

  /**
   * The wallet, with {@code expiringSoon}: the free credits of lots whose expiry falls within the
   * largest of the workspace's warning days (30 when none are set), soonest first.
   */
  public static WalletResponse wallet(Balance b, WorkspaceSettings settings) {
    int days = settings.warningDays().stream().max(Integer::compare).orElse(30);
    Instant horizon = b.asOf().plus(java.time.Duration.ofDays(days));
    List<ExpiringCredits> expiring =
        b.lots().stream()
            .filter(l -> l.expiresAt() != null && !l.expiresAt().isAfter(horizon))
            .filter(l -> l.free().signum() > 0)
            .sorted(Comparator.comparing(LotView::expiresAt))
            .map(l -> new ExpiringCredits(text(l.id()), credits(l.free()), l.expiresAt()))
            .toList();
    return new WalletResponse(
        b.wallet().workspace(),
        b.wallet().organization(),
        credits(b.balance()),
        credits(b.held()),
        credits(b.available()),
        credits(b.overdraftLimit()),
        credits(b.overdraftUsed()),
        b.asOf(),
        b.lots().stream().map(Dtos::lot).toList(),
        expiring);
  }

  /** The organization's live figures and, from {@code o}, its name, flag and registration. */
  public static OrganizationResponse organization(
      Balance b, dev.credits4j.api.OrganizationSummary o) {
    return new OrganizationResponse(
        b.wallet().workspace(),
        b.wallet().organization(),
        o.displayName(),
        credits(b.balance()),
        credits(b.held()),
        credits(b.available()),
        o.lowBalance(),
        o.registeredAt());
  }

  public static OrganizationSummaryResponse organization(dev.credits4j.api.OrganizationSummary o) {
    return new OrganizationSummaryResponse(
        o.wallet().organization(),
        o.displayName(),
        credits(o.balance()),
        credits(o.held()),
        credits(o.available()),
        o.lowBalance(),
        o.registeredAt());
  }

  public static CostPreviewResponse preview(dev.credits4j.api.CostPreview c) {
    return new CostPreviewResponse(
        organization(c.wallet()),
        text(c.offering()),
        credits(c.units()),
        credits(c.credits()),
        c.price() == null ? null : money(c.price()),
        credits(c.balance()),
        credits(c.available()),
        /* remaining= */ credits(c.available().subtract(c.credits())),
        c.affordable(),
        credits(c.shortfall()),
        c.suggestedPackages().stream().map(Dtos::pkg).toList());
  }

  public static AllotmentResponse allotment(dev.credits4j.api.AllotmentView a) {
    dev.credits4j.api.UnusedCreditsRule rule = a.unusedCredits();
    return new AllotmentResponse(
        text(a.id()),
        organization(a.wallet()),
        credits(a.credits()),
        name(a.period()),
        a.startDate(),
        a.endDate(),
        a.costBasis() == null ? null : money(a.costBasis()),
        rule == null
            ? null
            : new AllotmentResponse.UnusedCredits(
                name(rule.kind()), credits(rule.minimum()), credits(rule.maximum())),
        a.description(),
        name(a.status()),
        a.nextPeriodStart(),
        a.periodsGranted(),
        actor(a.createdBy()),
        actor(a.changedBy()),
        a.createdAt(),
        a.updatedAt());
  }

  public static AllotmentResponse.Grant allotmentGrant(dev.credits4j.api.AllotmentGrantView g) {
    return new AllotmentResponse.Grant(
        g.periodIndex(),
        g.periodStart(),
        g.periodEnd(),
        g.startsAt(),
        g.endsAt(),
        credits(g.credits()),
        text(g.entry()),
        text(g.lot()),
        g.expiresAt(),
        g.grantedAt());
  }

  public static NotificationResponse notification(dev.credits4j.api.OutboxEntryView v) {
    dev.credits4j.api.Notification n = v.notification();
    return new NotificationResponse(
        text(n.id()),
        name(n.type()),
        organization(n.wallet()),
        n.occurredAt(),
        credits(n.credits()),
        n.money() == null ? null : money(n.money()),
        text(n.lot()),
        text(n.purchase()),
        text(n.entry()),
        n.expiresAt(),
        new java.util.TreeMap<>(n.data()),
        name(v.status()),
        v.attempts(),
        v.nextAttemptAt(),
        v.claimedUntil(),
        v.lastError(),
        v.deliveredAt());
  }

  public static PackageResponse pkg(CreditPackageView p) {
    return new PackageResponse(
        text(p.id()),
        p.name(),
        p.description(),
        credits(p.credits()),
        credits(p.bonusCredits()),
        credits(p.totalCredits()),
        money(p.price()),
        money(p.pricePerCredit()),
        money(p.costBasisPerCredit()),
        p.discountPercent(),
        p.expiryDays(),
        rollover(p.rollover()),
        p.active(),
        p.featured(),
        p.shownInCatalog(),
        p.promotionStartsAt(),
        p.promotionEndsAt(),
        p.purchaseLimitPerOrganization(),
        p.sortOrder(),
        p.createdAt(),
        p.updatedAt());
  }

  /** A package's own rollover rule; null when it follows the workspace's settings. */
  public static PackageRolloverDto rollover(PackageRollover r) {
    return r == null
        ? null
        : new PackageRolloverDto(r.enabled(), credits(r.capCredits()), r.capPercent());
  }

  public static OfferingResponse offering(OfferingView o) {
    return new OfferingResponse(
        text(o.id()),
        o.name(),
        o.description(),
        name(o.pricingType()),
        credits(o.creditsPerUnit()),
        credits(o.unitSize()),
        o.unitLabel(),
        money(o.price()),
        o.concurrentRequestLimit(),
        o.totalRequestLimit(),
        o.active(),
        o.estimated(),
        text(o.holdTimeout()),
        o.reverseOnCancel(),
        o.deliveryNotes(),
        o.createdAt(),
        o.updatedAt(),
        name(o.serviceType()),
        name(o.period()));
  }

  public static SubscriptionResponse subscription(dev.credits4j.api.SubscriptionView s) {
    return new SubscriptionResponse(
        text(s.id()),
        organization(s.wallet()),
        text(s.offering()),
        s.offeringName(),
        credits(s.credits()),
        name(s.period()),
        s.startDate(),
        name(s.status()),
        name(s.pauseReason()),
        s.nextPeriodStart(),
        s.periodsCharged(),
        actor(s.createdBy()),
        actor(s.changedBy()),
        s.createdAt(),
        s.updatedAt());
  }

  public static SubscriptionResponse.Charge subscriptionCharge(
      dev.credits4j.api.SubscriptionChargeView c) {
    return new SubscriptionResponse.Charge(
        c.periodIndex(),
        c.periodStart(),
        c.periodEnd(),
        c.startsAt(),
        c.endsAt(),
        credits(c.credits()),
        text(c.entry()),
        c.chargedAt());
  }

  public static StatementResponse statement(dev.credits4j.api.StatementView s) {
    return new StatementResponse(
        text(s.id()),
        organization(s.wallet()),
        s.periodStart(),
        s.periodEnd(),
        s.zone().getId(),
        s.startsAt(),
        s.endsAt(),
        credits(s.openingBalance()),
        credits(s.creditsBought()),
        credits(s.creditsGranted()),
        credits(s.creditsReceived()),
        credits(s.creditsUsed()),
        credits(s.creditsReversed()),
        credits(s.creditsDeducted()),
        credits(s.creditsRefunded()),
        credits(s.creditsSent()),
        credits(s.creditsExpired()),
        credits(s.otherChanges()),
        credits(s.closingBalance()),
        s.usage().stream()
            .map(
                u ->
                    new StatementResponse.Usage(
                        text(u.offering()), u.offeringName(), credits(u.credits()), u.entries()))
            .toList(),
        s.expiringWithinDays(),
        s.expiring().stream()
            .map(
                e ->
                    new StatementResponse.Expiring(
                        text(e.lot()), credits(e.credits()), e.expiresAt()))
            .toList(),
        s.issuedAt());
  }

  public static StatementResponse.Run statements(dev.credits4j.api.StatementReport r) {
    return new StatementResponse.Run(r.asOf(), r.issued(), r.alreadyIssued(), r.failures());
  }

  public static AnnouncementResponse announcement(dev.credits4j.api.AnnouncementReport r) {
    return new AnnouncementResponse(
        text(r.packageId()), r.organizations(), r.notified(), r.alreadyNotified());
  }

  public static SubscriptionRunResponse subscriptions(dev.credits4j.api.SubscriptionReport r) {
    return new SubscriptionRunResponse(
        r.asOf(),
        r.subscriptions(),
        r.periodsCharged(),
        credits(r.creditsCharged()),
        r.paused(),
        r.failures());
  }

  public static PurchaseResponse purchase(PurchaseView p) {
    return purchase(p, null);
  }

  /** The purchase with the page where its buyer pays (null: none). */
  public static PurchaseResponse purchase(PurchaseView p, String checkoutUrl) {
    return new PurchaseResponse(
        text(p.id()),
        organization(p.wallet()),
        text(p.packageId()),
        p.packageName(),
        credits(p.credits()),
        credits(p.bonusCredits()),
        credits(p.totalCredits()),
        money(p.price()),
        money(p.costBasisPerCredit()),
        p.expiryDays(),
        name(p.status()),
        p.gateway(),
        p.gatewayReference(),
        p.failureReason(),
        actor(p.createdBy()),
        actor(p.confirmedBy()),
        money(p.amountPaid()),
        credits(p.creditsRefunded()),
        money(p.amountRefunded()),
        text(p.lot()),
        text(p.creditEntry()),
        p.createdAt(),
        p.paidAt(),
        p.creditedAt(),
        p.updatedAt(),
        checkoutUrl);
  }

  public static RefundResponse refund(PurchaseRefundView r) {
    return new RefundResponse(
        r.id(),
        credits(r.credits()),
        money(r.amount()),
        text(r.entry()),
        r.sent(),
        r.status().name(),
        r.attempts(),
        r.gatewayReference(),
        r.failureReason(),
        actor(r.actor()),
        r.createdAt(),
        purchase(r.purchase()));
  }

  public static ServiceRequestResponse request(ServiceRequestView r) {
    return new ServiceRequestResponse(
        text(r.id()),
        organization(r.wallet()),
        text(r.offering()),
        r.offeringName(),
        name(r.pricingType()),
        credits(r.units()),
        credits(r.credits()),
        money(r.price()),
        r.invoicedElsewhere(),
        r.estimated(),
        name(r.status()),
        r.notes(),
        text(r.usageEntry()),
        text(r.hold()),
        text(r.reversalEntry()),
        actor(r.createdBy()),
        r.createdAt(),
        r.startedAt(),
        r.deliveredAt(),
        r.canceledAt());
  }

  public static HoldResponse hold(HoldView h) {
    return new HoldResponse(
        text(h.id()),
        organization(h.wallet()),
        name(h.status()),
        credits(h.amount()),
        credits(h.captured()),
        h.createdAt(),
        h.expiresAt(),
        h.description(),
        references(h.references()));
  }

  public static CaptureResponse capture(CaptureResult c) {
    return new CaptureResponse(hold(c.hold()), entry(c.entry()));
  }

  public static TransferResponse transfer(TransferResult t) {
    return new TransferResponse(entry(t.outgoing()), entry(t.incoming()));
  }

  public static SettingsResponse settings(WorkspaceSettings s) {
    return new SettingsResponse(
        s.key(),
        s.name(),
        s.creditsEnabled(),
        s.creditScale(),
        s.currency().getCurrencyCode(),
        money(s.baseCreditRate()),
        s.defaultExpiryDays(),
        s.gracePeriodDays(),
        s.warningDays(),
        credits(s.lowBalanceThreshold()),
        Objects.toString(s.timeZone(), null),
        s.rolloverEnabled(),
        credits(s.rolloverCapCredits()),
        s.rolloverCapPercent());
  }

  public static ExpiryRunResponse expiry(ExpiryReport r) {
    return new ExpiryRunResponse(
        r.asOf(),
        r.lotsExpired(),
        credits(r.creditsExpired()),
        r.lotsRolledOver(),
        credits(r.creditsRolledOver()),
        r.walletsTouched());
  }

  public static AllotmentRunResponse allotments(AllotmentReport r) {
    return new AllotmentRunResponse(
        r.asOf(), r.allotments(), r.periodsGranted(), credits(r.creditsGranted()), r.failures());
  }

  public static DispatchRunResponse dispatch(DispatchReport r) {
    return new DispatchRunResponse(r.claimed(), r.delivered(), r.retrying(), r.dead());
  }

  public static RollupRunResponse rollup(RollupReport r) {
    return new RollupRunResponse(
        r.nextDay() == null ? null : r.nextDay().toString(), r.daysRolledUp(), r.rebuilt());
  }
}
