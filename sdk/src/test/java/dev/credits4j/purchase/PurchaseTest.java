package dev.credits4j.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.PackageId;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.PurchaseEvent;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseRefundView;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseRevenue;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.spi.PaymentGateway.PaymentOutcome;
import dev.credits4j.spi.PaymentGateway.RefundOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The purchase state machine, manual payments, refusals, idempotency and refunds. */
class PurchaseTest extends PurchaseTestBase {

  private long purchaseRows() {
    return count("select count(*) from credits_purchase where workspace_key = ?", ws);
  }

  // ---- the manual flow

  @Test
  void aConfirmedManualPurchaseGrantsCreditsAndBonusAsOneLot() {
    WalletRef acme = wallet("acme");
    CreditPackageView pro =
        createPackage(
            PackageRequest.builder("Pro Bonus", n(500), usd("449"))
                .bonusCredits(n(50))
                .expiryDays(180));

    PurchaseView created = buy(acme, pro);
    assertThat(created.status()).isEqualTo(PurchaseStatus.PENDING);
    assertThat(created.gateway()).isEqualTo("manual");
    assertThat(created.totalCredits()).isEqualByComparingTo("550");
    assertThat(created.price()).isEqualTo(usd("449"));
    assertThat(number(created.costBasisPerCredit())).isEqualByComparingTo("0.8163636364");
    assertThat(created.createdBy()).isEqualTo(CLIENT);
    assertThat(purchases.startPayment(created.id()).status()).isEqualTo(PurchaseStatus.PENDING);
    assertThat(balanceOf(acme)).isEqualByComparingTo("0");

    clock.advance(Duration.ofHours(2));
    PurchaseView done = purchases.confirmManualPayment(created.id(), TEAM, "wire 2026-0042");

    assertThat(done.status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(done.confirmedBy()).isEqualTo(TEAM);
    assertThat(done.gatewayReference()).isEqualTo("wire 2026-0042");
    assertThat(done.amountPaid()).isEqualTo(usd("449"));
    assertThat(done.paidAt()).isEqualTo(clock.instant());
    assertThat(done.creditedAt()).isEqualTo(clock.instant());
    assertThat(balanceOf(acme)).isEqualByComparingTo("550");
    LotRow lot = lotRow(done.lot());
    assertThat(lot.source()).isEqualTo(LotSource.PURCHASE);
    assertThat(lot.original()).isEqualByComparingTo("550");
    assertThat(lot.costBasis()).isEqualByComparingTo("0.8163636364");
    assertThat(lot.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(180)));
    LedgerEntryView entry = ledger.getEntry(acme, done.creditEntry());
    assertThat(entry.type()).isEqualTo(EntryType.PURCHASE);
    assertThat(entry.amount()).isEqualByComparingTo("550");
    assertThat(entry.references().packageId()).isEqualTo(pro.id().toString());
    assertThat(entry.references().purchaseId()).isEqualTo(created.id().toString());
    assertThat(entry.actor()).isEqualTo(TEAM);
    assertThat(eventTypes(created.id()))
        .containsExactly(
            PurchaseEvent.Type.CREATED, PurchaseEvent.Type.PAID, PurchaseEvent.Type.CREDITED);
  }

  @Test
  void expiryComesFromThePackageElseTheWorkspaceDefaultElseNever() {
    String withDefault = newWorkspace(b -> b.defaultExpiryDays(30));
    var shopCatalog = shop.catalog();
    CreditPackageView noExpiry =
        shopCatalog.create(withDefault, PackageRequest.builder("Plain", n(10), usd("10")).build());
    WalletRef org = walletIn(withDefault, "org");
    PurchaseView p = purchases.create(PurchaseRequest.manual(org, noExpiry.id(), CLIENT, null));
    PurchaseView credited = purchases.confirmManualPayment(p.id(), TEAM, "r1");
    assertThat(lotRow(credited.lot()).expiresAt())
        .isEqualTo(clock.instant().plus(Duration.ofDays(30)));

    CreditPackageView never = createPackage(PackageRequest.builder("Forever", n(10), usd("10")));
    PurchaseView forever = bought(wallet("acme"), never);
    assertThat(lotRow(forever.lot()).expiresAt()).isNull();
  }

  @Test
  void confirmingTwiceCreditsOnce() {
    WalletRef acme = wallet("acme");
    PurchaseView p = buy(acme, professional);
    purchases.confirmManualPayment(p.id(), TEAM, "r1");
    PurchaseView again = purchases.confirmManualPayment(p.id(), TEAM, "r2");

    assertThat(again.status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(again.gatewayReference()).isEqualTo("r1");
    assertThat(balanceOf(acme)).isEqualByComparingTo("500");
    assertThat(entries(acme)).isEqualTo(1);
    assertThat(eventTypes(p.id()))
        .containsExactly(
            PurchaseEvent.Type.CREATED, PurchaseEvent.Type.PAID, PurchaseEvent.Type.CREDITED);
  }

  @Test
  void onlyATeamMemberConfirmsAManualPaymentWithAReference() {
    WalletRef acme = wallet("acme");
    PurchaseView p = buy(acme, starter);
    failure(ErrorCode.ACTOR_NOT_ALLOWED, () -> purchases.confirmManualPayment(p.id(), CLIENT, "r"));
    CreditsException noRef =
        failure(ErrorCode.INVALID_REQUEST, () -> purchases.confirmManualPayment(p.id(), TEAM, " "));
    assertThat(fields(noRef)).containsExactly("reference");
    failure(
        ErrorCode.PURCHASE_NOT_FOUND,
        () -> purchases.confirmManualPayment(new PurchaseId(UUID.randomUUID()), TEAM, "r"));
    assertThat(purchases.get(p.id()).status()).isEqualTo(PurchaseStatus.PENDING);
    assertThat(entries(acme)).isZero();
  }

  // ---- gateways

  @Test
  void aGatewayThatSettlesAtOnceCreditsOnStartPayment() {
    WalletRef acme = wallet("acme");
    PurchaseView p =
        purchases.create(new PurchaseRequest(acme, starter.id(), "card", CLIENT, "k1"));
    PurchaseView paid = purchases.startPayment(p.id());

    assertThat(paid.status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(paid.gatewayReference()).isEqualTo("ch_" + p.id());
    assertThat(card.payments).hasSize(1);
    assertThat(card.payments.get(0).amount()).isEqualTo(usd("99"));
    assertThat(card.payments.get(0).idempotencyKey()).isEqualTo("purchase:" + p.id());
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
    failure(
        ErrorCode.PURCHASE_STATE, () -> purchases.confirmManualPayment(p.id(), TEAM, "not manual"));
  }

  @Test
  void aFailedPaymentGrantsNothingAndMayBeCanceledOrSucceedLater() {
    WalletRef acme = wallet("acme");
    card.onPayment = o -> PaymentOutcome.failed("card declined");
    PurchaseView p =
        purchases.create(new PurchaseRequest(acme, starter.id(), "card", CLIENT, null));
    PurchaseView failed = purchases.startPayment(p.id());
    assertThat(failed.status()).isEqualTo(PurchaseStatus.FAILED);
    assertThat(failed.failureReason()).isEqualTo("card declined");
    assertThat(balanceOf(acme)).isEqualByComparingTo("0");

    PurchaseView late =
        purchases.paymentSucceeded(p.id(), "card", "ch_retry", usd("99.00"), SYSTEM);
    assertThat(late.status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
    failure(ErrorCode.PURCHASE_STATE, () -> purchases.cancel(p.id(), TEAM));

    PurchaseView other =
        purchases.create(new PurchaseRequest(acme, starter.id(), "card", CLIENT, null));
    purchases.paymentFailed(other.id(), "card", "expired card");
    assertThat(purchases.cancel(other.id(), CLIENT).status()).isEqualTo(PurchaseStatus.CANCELED);
    failure(
        ErrorCode.PURCHASE_STATE,
        () -> purchases.paymentSucceeded(other.id(), "card", "ch_x", usd("99"), SYSTEM));
    assertThat(eventTypes(other.id()))
        .containsExactly(
            PurchaseEvent.Type.CREATED, PurchaseEvent.Type.FAILED, PurchaseEvent.Type.CANCELED);
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
  }

  @Test
  void aReportedPaymentMustMatchThePriceAndTheGateway() {
    WalletRef acme = wallet("acme");
    PurchaseView p =
        purchases.create(new PurchaseRequest(acme, starter.id(), "card", CLIENT, null));
    CreditsException wrongAmount =
        failure(
            ErrorCode.INVALID_AMOUNT,
            () -> purchases.paymentSucceeded(p.id(), "card", "ch", usd("98.99"), SYSTEM));
    assertThat(fields(wrongAmount)).containsExactly("amount");
    failure(
        ErrorCode.CURRENCY_MISMATCH,
        () ->
            purchases.paymentSucceeded(
                p.id(), "card", "ch", org.javamoney.moneta.Money.of(99, "EUR"), SYSTEM));
    CreditsException wrongGateway =
        failure(
            ErrorCode.INVALID_REQUEST,
            () -> purchases.paymentSucceeded(p.id(), "manual", "ch", usd("99"), SYSTEM));
    assertThat(fields(wrongGateway)).containsExactly("gateway");
    assertThat(purchases.get(p.id()).status()).isEqualTo(PurchaseStatus.PENDING);
    assertThat(entries(acme)).isZero();
  }

  // ---- refusals

  @Test
  void inactivePackagesAreRefused() {
    WalletRef acme = wallet("acme");
    catalog.deactivate(ws, starter.id());
    CreditsException e = failure(ErrorCode.PACKAGE_INACTIVE, () -> buy(acme, starter));
    assertThat(fields(e)).containsExactly("packageId");
    assertThat(purchaseRows()).isZero();
  }

  @Test
  void packagesAreSoldOnlyInsideTheirPromotionWindow() {
    WalletRef acme = wallet("acme");
    Instant start = clock.instant().plus(Duration.ofDays(1));
    Instant end = start.plus(Duration.ofDays(7));
    CreditPackageView promo =
        createPackage(
            PackageRequest.builder("Spring", n(100), usd("80")).promotionWindow(start, end));

    CreditsException early = failure(ErrorCode.PACKAGE_NOT_ON_SALE, () -> buy(acme, promo));
    assertThat(fields(early)).containsExactly("packageId");
    clock.advance(Duration.ofDays(1));
    assertThat(buy(acme, promo).status()).isEqualTo(PurchaseStatus.PENDING);
    clock.advance(Duration.ofDays(7));
    failure(ErrorCode.PACKAGE_NOT_ON_SALE, () -> buy(acme, promo));
    assertThat(purchaseRows()).isEqualTo(1);
  }

  @Test
  void thePurchaseLimitCountsPurchasesNotFailedOrCanceled() {
    WalletRef acme = wallet("acme");
    WalletRef other = wallet("other");
    CreditPackageView once =
        createPackage(
            PackageRequest.builder("Trial", n(10), usd("1")).purchaseLimitPerOrganization(2));
    PurchaseView first = buy(acme, once);
    bought(acme, once);
    CreditsException e = failure(ErrorCode.PURCHASE_LIMIT_REACHED, () -> buy(acme, once));
    assertThat(fields(e)).containsExactly("packageId");
    assertThat(buy(other, once).status()).isEqualTo(PurchaseStatus.PENDING);

    purchases.cancel(first.id(), CLIENT);
    assertThat(buy(acme, once).status()).isEqualTo(PurchaseStatus.PENDING);
    failure(ErrorCode.PURCHASE_LIMIT_REACHED, () -> buy(acme, once));
  }

  @Test
  void unknownPackagesAndAnotherWorkspacesPackagesAreNotFound() {
    WalletRef acme = wallet("acme");
    String otherWs = newWorkspace(b -> b);
    CreditPackageView foreign =
        shop.catalog().create(otherWs, PackageRequest.builder("Theirs", n(10), usd("5")).build());

    CreditsException unknown =
        failure(
            ErrorCode.PACKAGE_NOT_FOUND,
            () ->
                purchases.create(
                    PurchaseRequest.manual(acme, new PackageId(UUID.randomUUID()), CLIENT, null)));
    assertThat(fields(unknown)).containsExactly("packageId");
    failure(ErrorCode.PACKAGE_NOT_FOUND, () -> buy(acme, foreign));
    assertThat(purchaseRows()).isZero();
  }

  @Test
  void badInputNamesItsFieldAndChangesNothing() {
    WalletRef acme = wallet("acme");
    WalletState before = state(acme);
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        purchases.create(
                            PurchaseRequest.manual(null, starter.id(), CLIENT, null)))))
        .containsExactly("wallet");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> purchases.create(PurchaseRequest.manual(acme, null, CLIENT, null)))))
        .containsExactly("packageId");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        purchases.create(PurchaseRequest.manual(acme, starter.id(), null, null)))))
        .containsExactly("actor");
    assertThat(
            fields(
                failure(
                    ErrorCode.UNKNOWN_GATEWAY,
                    () ->
                        purchases.create(
                            new PurchaseRequest(acme, starter.id(), "paypal", CLIENT, null)))))
        .containsExactly("gateway");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        purchases.create(
                            PurchaseRequest.manual(acme, starter.id(), CLIENT, "x".repeat(129))))))
        .containsExactly("idempotencyKey");
    failure(
        ErrorCode.WALLET_NOT_FOUND,
        () ->
            purchases.create(
                PurchaseRequest.manual(WalletRef.of(ws, "nobody"), starter.id(), CLIENT, null)));

    PurchaseView p = bought(acme, professional);
    WalletState paid = state(acme);
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_AMOUNT, () -> purchases.refund(p.id(), n(-1), TEAM, null))))
        .containsExactly("credits");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_AMOUNT,
                    () -> purchases.refund(p.id(), n("1.5"), TEAM, null))))
        .containsExactly("credits");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_AMOUNT, () -> purchases.refund(p.id(), n(501), TEAM, null))))
        .containsExactly("credits");
    failure(ErrorCode.ACTOR_NOT_ALLOWED, () -> purchases.refund(p.id(), n(1), CLIENT, null));
    assertThat(state(acme)).isEqualTo(paid);
    assertThat(purchases.get(p.id()).creditsRefunded()).isEqualByComparingTo("0");
    assertThat(before.entries()).isZero();
  }

  // ---- idempotency

  @Test
  void theSameKeyCreatesOnePurchase() {
    WalletRef acme = wallet("acme");
    PurchaseView first =
        purchases.create(PurchaseRequest.manual(acme, starter.id(), CLIENT, "buy-1"));
    PurchaseView again =
        purchases.create(PurchaseRequest.manual(acme, starter.id(), CLIENT, "buy-1"));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(purchaseRows()).isEqualTo(1);
    assertThat(eventTypes(first.id())).containsExactly(PurchaseEvent.Type.CREATED);

    CreditsException otherPackage =
        failure(
            ErrorCode.IDEMPOTENCY_CONFLICT,
            () ->
                purchases.create(PurchaseRequest.manual(acme, professional.id(), CLIENT, "buy-1")));
    assertThat(otherPackage.getMessage())
        .isEqualTo(
            "idempotency key 'buy-1' was already used on this wallet for a different request"
                + " (purchase)");
    assertThat(fields(otherPackage)).containsExactly("idempotencyKey");
    failure(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        () -> purchases.create(new PurchaseRequest(acme, starter.id(), "card", CLIENT, "buy-1")));
    assertThat(purchaseRows()).isEqualTo(1);
    WalletRef other = wallet("other");
    assertThat(purchases.create(PurchaseRequest.manual(other, starter.id(), CLIENT, "buy-1")).id())
        .isNotEqualTo(first.id());
    assertThat(purchases.list(acme)).extracting(PurchaseView::id).containsExactly(first.id());
  }

  // ---- refunds

  @Test
  void aRefundAfterPartialUseReturnsTheUnusedCreditsToTheCent() {
    WalletRef acme = wallet("acme");
    PurchaseView p = bought(acme, professional);
    consume(acme, 120);

    PurchaseRefundView refund = purchases.refund(p.id(), null, TEAM, "refund-1");

    assertThat(refund.credits()).isEqualByComparingTo("380");
    assertThat(refund.amount()).isEqualTo(usd("341.24"));
    assertThat(refund.sent()).isTrue();
    assertThat(refund.gatewayReference()).isEqualTo("manual-refund:" + refund.id());
    assertThat(refund.purchase().status()).isEqualTo(PurchaseStatus.REFUNDED);
    assertThat(refund.purchase().amountRefunded()).isEqualTo(usd("341.24"));
    assertThat(balanceOf(acme)).isEqualByComparingTo("0");
    LedgerEntryView entry = ledger.getEntry(acme, refund.entry());
    assertThat(entry.type()).isEqualTo(EntryType.REFUND);
    assertThat(entry.amount()).isEqualByComparingTo("-380");
    assertThat(allocations(entry)).containsExactly(alloc(p.lot(), "-380"));
    assertThat(entry.references().purchaseId()).isEqualTo(p.id().toString());

    PurchaseRevenue revenue = purchases.revenue(p.id());
    assertThat(revenue.recognized()).isEqualTo(usd("107.76"));
    assertThat(revenue.deferred()).isEqualTo(usd("0"));
    assertThat(revenue.refunded()).isEqualTo(usd("341.24"));
    assertThat(revenue.balanced()).isTrue();
    assertThat(eventTypes(p.id())).endsWith(PurchaseEvent.Type.REFUNDED);
    failure(ErrorCode.NOTHING_TO_REFUND, () -> purchases.refund(p.id(), null, TEAM, "refund-2"));
  }

  @Test
  void partialRefundsThenTheRestTieOutToThePrice() {
    WalletRef acme = wallet("acme");
    CreditPackageView odd = createPackage(PackageRequest.builder("Odd", n(3), usd("10")));
    PurchaseView p = bought(acme, odd);

    PurchaseRefundView one = purchases.refund(p.id(), n(1), TEAM, "r1");
    assertThat(one.amount()).isEqualTo(usd("3.33"));
    assertThat(one.purchase().status()).isEqualTo(PurchaseStatus.PARTIALLY_REFUNDED);
    PurchaseRefundView two = purchases.refund(p.id(), n(1), TEAM, "r2");
    assertThat(two.amount()).isEqualTo(usd("3.34"));
    PurchaseRefundView last = purchases.refund(p.id(), null, TEAM, "r3");
    assertThat(last.amount()).isEqualTo(usd("3.33"));
    assertThat(last.purchase().status()).isEqualTo(PurchaseStatus.REFUNDED);
    assertThat(last.purchase().amountRefunded()).isEqualTo(usd("10"));
    assertThat(purchases.refunds(p.id()))
        .extracting(PurchaseRefundView::id)
        .containsExactly(one.id(), two.id(), last.id());
    assertThat(purchases.revenue(p.id()).balanced()).isTrue();
  }

  @Test
  void aRetriedRefundRefundsOnceAndResendsWhatTheGatewayRefused() {
    WalletRef acme = wallet("acme");
    PurchaseView p =
        purchases.create(new PurchaseRequest(acme, starter.id(), "card", CLIENT, null));
    purchases.startPayment(p.id());
    card.onRefund = o -> RefundOutcome.failed("gateway down");

    PurchaseRefundView first = purchases.refund(p.id(), n(40), TEAM, "refund-40");
    assertThat(first.sent()).isFalse();
    assertThat(first.failureReason()).isEqualTo("gateway down");
    assertThat(balanceOf(acme)).isEqualByComparingTo("60");

    card.onRefund = o -> RefundOutcome.succeeded("re_ok");
    PurchaseRefundView again = purchases.refund(p.id(), n(40), TEAM, "refund-40");
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.sent()).isTrue();
    assertThat(again.gatewayReference()).isEqualTo("re_ok");
    assertThat(again.amount()).isEqualTo(usd("39.60"));
    assertThat(card.refunds).hasSize(2);
    assertThat(card.refunds)
        .extracting(r -> r.idempotencyKey())
        .containsOnly("refund:" + first.id());
    assertThat(card.refunds.get(0).paymentReference()).isEqualTo("ch_" + p.id());
    PurchaseRefundView third = purchases.refund(p.id(), n(40), TEAM, "refund-40");
    assertThat(third.sent()).isTrue();
    assertThat(card.refunds).hasSize(2);
    assertThat(balanceOf(acme)).isEqualByComparingTo("60");
    assertThat(purchases.refunds(p.id())).hasSize(1);
    CreditsException otherCredits =
        failure(
            ErrorCode.IDEMPOTENCY_CONFLICT,
            () -> purchases.refund(p.id(), n(41), TEAM, "refund-40"));
    assertThat(otherCredits.getMessage())
        .isEqualTo(
            "idempotency key 'refund-40' was already used on this purchase for a different request"
                + " (refund)");
    assertThat(fields(otherCredits)).containsExactly("idempotencyKey");
    failure(
        ErrorCode.IDEMPOTENCY_CONFLICT, () -> purchases.refund(p.id(), null, TEAM, "refund-40"));
    assertThat(purchases.refund(p.id(), new java.math.BigDecimal("40.00"), TEAM, "refund-40").id())
        .as("the same credits, written otherwise, are the same request")
        .isEqualTo(first.id());
    assertThat(events.stream().filter(e -> e.type() == PurchaseEvent.Type.REFUNDED)).hasSize(1);
  }

  @Test
  void onlyCreditedPurchasesRefundAndOnlyFreeCredits() {
    WalletRef acme = wallet("acme");
    PurchaseView pending = buy(acme, starter);
    failure(ErrorCode.PURCHASE_STATE, () -> purchases.refund(pending.id(), null, TEAM, null));

    PurchaseView p = bought(acme, starter);
    ledger.hold(
        new dev.credits4j.api.HoldRequest(
            acme, n(30), Duration.ofHours(1), null, null, TEAM, null));
    CreditsException tooMany =
        failure(ErrorCode.INVALID_AMOUNT, () -> purchases.refund(p.id(), n(71), TEAM, null));
    assertThat(fields(tooMany)).containsExactly("credits");
    assertThat(purchases.refund(p.id(), null, SYSTEM, null).credits()).isEqualByComparingTo("70");
    assertThat(purchases.get(p.id()).status()).isEqualTo(PurchaseStatus.PARTIALLY_REFUNDED);
  }

  @Test
  void expiredCreditsAreNotRefundable() {
    WalletRef acme = wallet("acme");
    PurchaseView p = bought(acme, starter);
    clock.advance(Duration.ofDays(91));
    failure(ErrorCode.NOTHING_TO_REFUND, () -> purchases.refund(p.id(), null, TEAM, null));
  }

  @Test
  void aPackageEditedAfterThePurchaseDoesNotChangeIt() {
    WalletRef acme = wallet("acme");
    PurchaseView p = buy(acme, starter);
    catalog.update(
        ws,
        starter.id(),
        PackageRequest.builder("Starter v2", n(200), usd("150")).expiryDays(10).build());
    PurchaseView credited = purchases.confirmManualPayment(p.id(), TEAM, "r");
    assertThat(credited.packageName()).isEqualTo("Starter");
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
    assertThat(lotRow(credited.lot()).costBasis()).isEqualByComparingTo("0.99");
  }

  @Test
  void actorsAreRecorded() {
    WalletRef acme = wallet("acme");
    Actor tess = Actor.team("u-2", "Tom Team");
    PurchaseView p = buy(acme, starter);
    PurchaseView done = purchases.confirmManualPayment(p.id(), tess, "r");
    assertThat(done.createdBy()).isEqualTo(CLIENT);
    assertThat(done.confirmedBy()).isEqualTo(tess);
    List<PurchaseView> all = purchases.list(acme);
    assertThat(all).hasSize(1);
  }

  @Test
  void aClientCannotBuyAPackageHiddenFromTheCatalogByItsId() {
    WalletRef acme = wallet("acme");
    CreditPackageView hidden =
        createPackage(PackageRequest.builder("Staff only", n(10), usd("1")).shownInCatalog(false));

    CreditsException e =
        failure(
            ErrorCode.PACKAGE_NOT_FOUND,
            () -> purchases.create(PurchaseRequest.manual(acme, hidden.id(), CLIENT, null)));
    assertThat(fields(e)).containsExactly("packageId");
    assertThat(purchases.list(acme)).isEmpty();
    // Staff may sell it.
    PurchaseView p = purchases.create(PurchaseRequest.manual(acme, hidden.id(), TEAM, null));
    assertThat(p.packageId()).isEqualTo(hidden.id());
  }
}
