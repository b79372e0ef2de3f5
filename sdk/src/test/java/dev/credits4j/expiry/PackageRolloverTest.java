package dev.credits4j.expiry;

import static dev.credits4j.expiry.ExpirySweepTest.entriesOn;
import static dev.credits4j.expiry.ExpirySweepTest.takenFrom;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllocationView;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotRolloverRule;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.LotView;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.PackageRollover;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A package's own rollover rule: copied onto each purchase's lot when it is bought, it replaces the
 * workspace's rollover settings for that lot at expiry, with its caps in credits and in percent.
 */
class PackageRolloverTest extends LedgerTestBase {
  private static final Duration DAYS_30 = Duration.ofDays(30);

  private ExpirySweep sweep;
  private PackageCatalog catalog;
  private Purchases purchases;
  private WalletRef acme;
  private Instant bought;

  @BeforeEach
  void openShop() {
    sweep = credits.expiry();
    catalog = credits.catalog();
    purchases = credits.purchases();
    bought = clock.instant();
  }

  /** A new workspace with these settings, and {@code acme}'s wallet in it. */
  private void workspace(UnaryOperator<WorkspaceSettings.Builder> settings) {
    ws = newWorkspace(settings);
    acme = wallet("acme");
  }

  /** A package of 100 credits for $40 (cost basis 0.40) with this expiry and rollover rule. */
  private CreditPackageView pkg(Integer expiryDays, PackageRollover rollover) {
    return catalog.create(
        ws,
        PackageRequest.builder("Pack " + rollover, n(100), Money.of(40, USD))
            .expiryDays(expiryDays)
            .rollover(rollover)
            .build());
  }

  /** A manual purchase of the package, confirmed: its credits granted. */
  private LotId buy(WalletRef w, CreditPackageView p) {
    PurchaseView v = pay(order(w, p));
    assertThat(v.status()).isEqualTo(PurchaseStatus.CREDITED);
    return v.lot();
  }

  private PurchaseId order(WalletRef w, CreditPackageView p) {
    return purchases.create(PurchaseRequest.manual(w, p.id(), CLIENT, null)).id();
  }

  private PurchaseView pay(PurchaseId id) {
    return purchases.confirmManualPayment(id, TEAM, "wire-" + id);
  }

  private ExpiryReport sweepAt(Instant at) {
    clock.set(at);
    return sweep.expire(ws, at);
  }

  private LotView lotView(WalletRef w, LotId id) {
    return ledger.balance(w).lots().stream()
        .filter(l -> l.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no lot " + id + " with credits in " + w));
  }

  /** The lot the wallet's only ROLLOVER entry moved credits into. */
  private LotId rolledLot(WalletRef w) {
    List<LedgerEntryView> found =
        ledger
            .history(new HistoryQuery(w, Set.of(EntryType.ROLLOVER), null, null, null, 10))
            .entries();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).amount()).isZero();
    return found.get(0).allocations().stream()
        .filter(a -> a.amount().signum() > 0)
        .map(AllocationView::lot)
        .findFirst()
        .orElseThrow();
  }

  private long rollovers(WalletRef w) {
    return ledger
        .history(new HistoryQuery(w, Set.of(EntryType.ROLLOVER), null, null, null, 10))
        .entries()
        .size();
  }

  @Test
  void aCreditCapRollsThatMuchOverEvenWithWorkspaceRolloverOff() {
    workspace(b -> b.rolloverEnabled(false));
    LotId lot = buy(acme, pkg(30, PackageRollover.capped(n(40), null)));
    Instant expiry = bought.plus(DAYS_30);
    // The rule is copied onto the lot at purchase, with the rolled lot's expiry fixed then.
    assertThat(lotView(acme, lot).rollover())
        .isEqualTo(new LotRolloverRule(n("0.0000"), n("40.0000"), null, expiry.plus(DAYS_30)));
    consume(acme, 10);

    ExpiryReport report = sweepAt(expiry);

    assertThat(report.lotsRolledOver()).isEqualTo(1);
    assertThat(report.creditsRolledOver()).isEqualByComparingTo("40");
    assertThat(report.creditsExpired()).isEqualByComparingTo("50");
    assertThat(balanceOf(acme)).isEqualByComparingTo("40");
    LotId fresh = rolledLot(acme);
    LotRow row = lotRow(fresh);
    assertThat(row.source()).isEqualTo(LotSource.ROLLOVER);
    assertThat(row.original()).isEqualByComparingTo("40");
    assertThat(row.costBasis()).isEqualByComparingTo("0.40");
    assertThat(row.originLotId()).isEqualTo(lot.toString());
    assertThat(row.expiresAt()).isEqualTo(expiry.plus(DAYS_30));
    assertThat(takenFrom(lot, EntryType.ROLLOVER)).isEqualByComparingTo("40");
    assertThat(takenFrom(lot, EntryType.EXPIRATION)).isEqualByComparingTo("50");
    // The rolled-over lot follows no rule of its own: it only expires.
    assertThat(lotView(acme, fresh).rollover()).isNull();
  }

  @Test
  void aPercentCapRollsThatShareRoundedDownToTheCreditScale() {
    workspace(b -> b);
    LotId lot = buy(acme, pkg(30, PackageRollover.capped(null, 33)));
    assertThat(lotView(acme, lot).rollover().maximumPercent()).isEqualTo(33);
    consume(acme, 20);

    ExpiryReport report = sweepAt(bought.plus(DAYS_30));

    // 33% of the 80 left is 26.4: whole credits in this workspace, so 26.
    assertThat(report.creditsRolledOver()).isEqualByComparingTo("26");
    assertThat(report.creditsExpired()).isEqualByComparingTo("54");
    assertThat(balanceOf(acme)).isEqualByComparingTo("26");
    assertThat(entriesOn(lot, EntryType.EXPIRATION)).isEqualTo(1);
  }

  @Test
  void aPercentCapKeepsTheWorkspacesDecimalPlaces() {
    workspace(b -> b.creditScale(2));
    LotId lot = buy(acme, pkg(30, PackageRollover.capped(null, 33)));
    consume(acme, 20);

    sweepAt(bought.plus(DAYS_30));

    assertThat(takenFrom(lot, EntryType.ROLLOVER)).isEqualByComparingTo("26.4");
    assertThat(takenFrom(lot, EntryType.EXPIRATION)).isEqualByComparingTo("53.6");
  }

  @Test
  void withBothCapsTheSmallerOneApplies() {
    workspace(b -> b.rolloverEnabled(true).rolloverCapCredits(n(5)));
    WalletRef globex = wallet("globex");
    LotId creditsBind = buy(acme, pkg(30, PackageRollover.capped(n(30), 50)));
    LotId percentBinds = buy(globex, pkg(30, PackageRollover.capped(n(60), 25)));

    ExpiryReport report = sweepAt(bought.plus(DAYS_30));

    assertThat(report.lotsRolledOver()).isEqualTo(2);
    // The workspace's cap of 5 plays no part: each package's rule replaces it.
    assertThat(takenFrom(creditsBind, EntryType.ROLLOVER)).isEqualByComparingTo("30");
    assertThat(takenFrom(creditsBind, EntryType.EXPIRATION)).isEqualByComparingTo("70");
    assertThat(takenFrom(percentBinds, EntryType.ROLLOVER)).isEqualByComparingTo("25");
    assertThat(takenFrom(percentBinds, EntryType.EXPIRATION)).isEqualByComparingTo("75");
    assertThat(balanceOf(acme)).isEqualByComparingTo("30");
    assertThat(balanceOf(globex)).isEqualByComparingTo("25");
  }

  @Test
  void withoutACapEverythingRollsOverOnceAndThenExpiresInFull() {
    workspace(b -> b.rolloverEnabled(true));
    LotId lot = buy(acme, pkg(30, PackageRollover.all()));
    Instant expiry = bought.plus(DAYS_30);
    // No credit cap: the rule's maximum is the lot's credits, all of them.
    assertThat(lotView(acme, lot).rollover().maximum()).isEqualByComparingTo("100");

    ExpiryReport first = sweepAt(expiry);

    assertThat(first.creditsRolledOver()).isEqualByComparingTo("100");
    assertThat(first.lotsExpired()).isZero();
    assertThat(entriesOn(lot, EntryType.EXPIRATION)).isZero();
    LotId fresh = rolledLot(acme);
    assertThat(lotRow(fresh).expiresAt()).isEqualTo(expiry.plus(DAYS_30));

    // A microsecond before the rolled lot's expiry nothing happens; at it, all of it expires,
    // although both the package and the workspace enable rollover.
    assertThat(sweepAt(expiry.plus(DAYS_30).minusNanos(1000)).creditsExpired()).isZero();
    ExpiryReport later = sweepAt(expiry.plus(DAYS_30));
    assertThat(later.creditsRolledOver()).isZero();
    assertThat(later.creditsExpired()).isEqualByComparingTo("100");
    assertThat(takenFrom(fresh, EntryType.EXPIRATION)).isEqualByComparingTo("100");
    assertThat(rollovers(acme)).isEqualTo(1);
    assertThat(balanceOf(acme)).isZero();
  }

  @Test
  void aPackageThatDisablesRolloverOverridesAWorkspaceThatEnablesIt() {
    workspace(b -> b.rolloverEnabled(true));
    WalletRef globex = wallet("globex");
    LotId never = buy(acme, pkg(30, PackageRollover.none()));
    LotId follows = buy(globex, pkg(30, null));
    assertThat(lotView(acme, never).rollover())
        .isEqualTo(new LotRolloverRule(n("0.0000"), n("0.0000"), null, null));

    ExpiryReport report = sweepAt(bought.plus(DAYS_30));

    assertThat(takenFrom(never, EntryType.ROLLOVER)).isZero();
    assertThat(takenFrom(never, EntryType.EXPIRATION)).isEqualByComparingTo("100");
    assertThat(rollovers(acme)).isZero();
    assertThat(balanceOf(acme)).isZero();
    // The same workspace rolls a package without a rule of its own over.
    assertThat(takenFrom(follows, EntryType.ROLLOVER)).isEqualByComparingTo("100");
    assertThat(report.creditsRolledOver()).isEqualByComparingTo("100");
    assertThat(report.creditsExpired()).isEqualByComparingTo("100");
  }

  @Test
  void aPackageWithoutARuleFollowsTheWorkspaceAsItIsAtExpiry() {
    workspace(b -> b.rolloverEnabled(true).rolloverCapCredits(n(40)));
    WalletRef globex = wallet("globex");
    CreditPackageView p = pkg(30, null);
    LotId first = buy(acme, p);
    assertThat(lotView(acme, first).rollover()).isNull();
    assertThat(catalog.get(ws, p.id()).rollover()).isNull();

    sweepAt(bought.plus(DAYS_30));
    assertThat(takenFrom(first, EntryType.ROLLOVER)).isEqualByComparingTo("40");
    assertThat(takenFrom(first, EntryType.EXPIRATION)).isEqualByComparingTo("60");

    // The workspace's settings are read at expiry, not at purchase.
    LotId second = buy(globex, p);
    workspaces.update(workspaces.get(ws).toBuilder().rolloverEnabled(false).build());
    sweepAt(clock.instant().plus(DAYS_30));
    assertThat(takenFrom(second, EntryType.ROLLOVER)).isZero();
    assertThat(takenFrom(second, EntryType.EXPIRATION)).isEqualByComparingTo("100");
  }

  @Test
  void theRolledLotsExpiryIsFixedAtPurchaseFromThePackagesDaysElseTheWorkspaceDefault() {
    workspace(b -> b.defaultExpiryDays(90));
    WalletRef globex = wallet("globex");
    WalletRef initech = wallet("initech");
    // The package's own days count first (where the workspace's rule would count its 90).
    LotId ownDays = buy(acme, pkg(30, PackageRollover.all()));
    // Without them, the workspace default, as for the lot's own expiry.
    LotId defaultDays = buy(globex, pkg(null, PackageRollover.all()));
    Instant expiry = bought.plus(DAYS_30);
    Instant defaultExpiry = bought.plus(Duration.ofDays(90));
    assertThat(lotView(acme, ownDays).rollover().rolledExpiresAt()).isEqualTo(expiry.plus(DAYS_30));
    assertThat(lotView(globex, defaultDays).rollover().rolledExpiresAt())
        .isEqualTo(defaultExpiry.plus(Duration.ofDays(90)));

    // Changing the workspace default later changes neither.
    workspaces.update(workspaces.get(ws).toBuilder().defaultExpiryDays(7).build());
    sweepAt(expiry);
    assertThat(lotRow(rolledLot(acme)).expiresAt()).isEqualTo(expiry.plus(DAYS_30));
    sweepAt(defaultExpiry);
    assertThat(lotRow(rolledLot(globex)).expiresAt())
        .isEqualTo(defaultExpiry.plus(Duration.ofDays(90)));

    // A lot that never expires has nothing to roll over, and no rule.
    workspaces.update(workspaces.get(ws).toBuilder().defaultExpiryDays(null).build());
    LotId forever = buy(initech, pkg(null, PackageRollover.all()));
    LotView view = lotView(initech, forever);
    assertThat(view.expiresAt()).isNull();
    assertThat(view.rollover()).isNull();
  }

  @Test
  void creditsGivenBackAfterARolloverNeverRollOverBeyondThePackagesCap() {
    workspace(b -> b);
    LotId lot = buy(acme, pkg(30, PackageRollover.capped(n(40), null)));
    LedgerEntryView usage = consume(acme, 70);
    sweepAt(bought.plus(DAYS_30));
    assertThat(takenFrom(lot, EntryType.ROLLOVER)).isEqualByComparingTo("30");

    ledger.reverse(new ReversalRequest(acme, usage.id(), null, null, "void", TEAM, null));
    sweep.expire(ws, clock.instant());

    assertThat(takenFrom(lot, EntryType.ROLLOVER)).isEqualByComparingTo("40");
    assertThat(takenFrom(lot, EntryType.EXPIRATION)).isEqualByComparingTo("60");
    assertThat(balanceOf(acme)).isEqualByComparingTo("40");
  }

  @Test
  void theRuleTravelsWithTransferredCreditsAndItsCreditCapIsSharedNotMultiplied() {
    workspace(b -> b.rolloverEnabled(false));
    WalletRef globex = wallet("globex");
    LotId lot = buy(acme, pkg(30, PackageRollover.capped(n(40), 50)));
    LotRolloverRule rule = lotView(acme, lot).rollover();
    assertThat(rule.maximum()).isEqualByComparingTo("40");
    ledger.transfer(
        new TransferRequest(acme, globex, n(60), ReasonCode.ADJUSTMENT, "move", TEAM, null));
    LotView split = ledger.balance(globex).lots().get(0);
    assertThat(split.source()).isEqualTo(LotSource.TRANSFER);
    // 60 of the lot's 100 credits moved: 60% of its 40-credit cap goes with them.
    assertThat(split.rollover().maximum()).isEqualByComparingTo("24");
    assertThat(split.rollover().maximumPercent()).isEqualTo(rule.maximumPercent());
    assertThat(split.rollover().rolledExpiresAt()).isEqualTo(rule.rolledExpiresAt());
    assertThat(lotView(acme, lot).rollover().maximum()).isEqualByComparingTo("16");

    ExpiryReport report = sweepAt(bought.plus(DAYS_30));

    // acme keeps 40: 50% is 20, over its 16-credit cap. globex got 60: 50% is 30, over 24.
    assertThat(takenFrom(lot, EntryType.ROLLOVER)).isEqualByComparingTo("16");
    assertThat(takenFrom(lot, EntryType.EXPIRATION)).isEqualByComparingTo("24");
    assertThat(takenFrom(split.id(), EntryType.ROLLOVER)).isEqualByComparingTo("24");
    assertThat(takenFrom(split.id(), EntryType.EXPIRATION)).isEqualByComparingTo("36");
    // What the lot could roll over unsplit: its 40-credit cap, no more.
    assertThat(report.creditsRolledOver()).isEqualByComparingTo("40");
    assertThat(balanceOf(acme)).isEqualByComparingTo("16");
    assertThat(balanceOf(globex)).isEqualByComparingTo("24");
  }

  @Test
  void changingThePackageAfterAPurchaseChangesNoCreditsAlreadyBought() {
    workspace(b -> b);
    WalletRef globex = wallet("globex");
    WalletRef initech = wallet("initech");
    CreditPackageView p = pkg(30, PackageRollover.capped(n(40), null));
    LotId credited = buy(acme, p);
    // Ordered under the old rule, paid after the change: the rule is the one bought.
    PurchaseId pending = order(globex, p);

    CreditPackageView changed =
        catalog.update(
            ws,
            p.id(),
            PackageRequest.builder(p.name(), p.credits(), p.price())
                .expiryDays(30)
                .rollover(PackageRollover.none())
                .build());
    assertThat(changed.rollover()).isEqualTo(PackageRollover.none());
    LotId paidLater = pay(pending).lot();
    LotId boughtAfter = buy(initech, p);
    assertThat(lotView(globex, paidLater).rollover().maximum()).isEqualByComparingTo("40");

    sweepAt(bought.plus(DAYS_30));

    assertThat(takenFrom(credited, EntryType.ROLLOVER)).isEqualByComparingTo("40");
    assertThat(takenFrom(paidLater, EntryType.ROLLOVER)).isEqualByComparingTo("40");
    assertThat(takenFrom(boughtAfter, EntryType.ROLLOVER)).isZero();
    assertThat(takenFrom(boughtAfter, EntryType.EXPIRATION)).isEqualByComparingTo("100");
  }

  @Test
  void theRuleIsStoredOnThePackageAndReplacedByAnUpdate() {
    workspace(b -> b);
    CreditPackageView p = pkg(30, PackageRollover.capped(n(40), 50));
    assertThat(p.rollover()).isEqualTo(new PackageRollover(true, n("40.0000"), 50));
    assertThat(catalog.get(ws, p.id())).isEqualTo(p);
    assertThat(
            queryValue(
                "select rollover_cap_percent from credits_package where id = ?", p.id().toString()))
        .isEqualTo(50);

    CreditPackageView none =
        catalog.update(
            ws, p.id(), PackageRequest.builder(p.name(), p.credits(), p.price()).build());
    assertThat(none.rollover()).isNull();
    assertThat(catalog.get(ws, p.id())).isEqualTo(none);
    assertThat(
            count(
                "select count(*) from credits_package where id = ? and rollover_enabled is null"
                    + " and rollover_cap_credits is null and rollover_cap_percent is null",
                p.id().toString()))
        .isEqualTo(1);
  }
}
