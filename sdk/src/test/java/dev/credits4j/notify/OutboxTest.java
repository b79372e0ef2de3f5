package dev.credits4j.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.LotId;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationStatus;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseRefundView;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.DemoCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * Notifications are written with the change that causes them: one per credited purchase, refund and
 * expired lot, each with the data receivers need, and none for a change that rolled back.
 */
class OutboxTest extends NotifyTestBase {

  private PurchaseView bought(WalletRef w, CreditPackageView pkg) {
    PurchaseId id =
        credits.purchases().create(PurchaseRequest.manual(w, pkg.id(), CLIENT, null)).id();
    return credits.purchases().confirmManualPayment(id, TEAM, "bank-" + id);
  }

  @Test
  void aCreditedPurchaseWritesOneConfirmationWithItsLotMoneyAndExpiry() {
    WalletRef acme = wallet("acme");
    CreditPackageView professional = DemoCatalog.seed(credits.catalog(), ws).get(1);
    PurchaseView p =
        credits.purchases().create(PurchaseRequest.manual(acme, professional.id(), CLIENT, null));
    assertThat(notifications(ws)).as("a purchase not yet paid confirms nothing").isEmpty();

    PurchaseView credited = credits.purchases().confirmManualPayment(p.id(), TEAM, "bank-1");
    credits.purchases().confirmManualPayment(p.id(), TEAM, "bank-1"); // a repeat grants nothing
    credits.purchases().creditPaidPurchases();

    List<Notification> all = notifications(ws);
    assertThat(all).hasSize(1);
    Notification n = all.get(0);
    assertThat(n.type()).isEqualTo(NotificationType.PURCHASE_CONFIRMATION);
    assertThat(n.wallet()).isEqualTo(acme);
    assertThat(n.credits()).isEqualByComparingTo("500");
    assertThat(n.money()).isEqualTo(Money.of(449, USD));
    assertThat(n.purchase()).isEqualTo(p.id());
    assertThat(n.lot()).isEqualTo(credited.lot());
    assertThat(n.entry()).isEqualTo(credited.creditEntry());
    assertThat(n.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(180)));
    assertThat(n.occurredAt()).isEqualTo(credited.creditedAt());
    assertThat(n.data())
        .containsEntry("packageName", "Professional")
        .containsEntry("packageCredits", "500")
        .containsEntry("bonusCredits", "0");
    OutboxEntryView entry = outbox(ws).get(0);
    assertThat(entry.status()).isEqualTo(NotificationStatus.PENDING);
    assertThat(entry.nextAttemptAt()).isEqualTo(n.occurredAt());
  }

  @Test
  void aRefundWritesOneNotificationWithCreditsMoneyAndEntry() {
    WalletRef acme = wallet("acme");
    CreditPackageView starter = DemoCatalog.seed(credits.catalog(), ws).get(0);
    PurchaseView p = bought(acme, starter);
    consume(acme, 40);

    PurchaseRefundView refund = credits.purchases().refund(p.id(), null, TEAM, "refund-1");
    credits.purchases().refund(p.id(), null, TEAM, "refund-1"); // replayed: no second notification

    List<Notification> refunds = notifications(ws, NotificationType.REFUND);
    assertThat(refunds).hasSize(1);
    Notification n = refunds.get(0);
    assertThat(n.credits()).isEqualByComparingTo("60");
    assertThat(n.money()).isEqualTo(refund.amount());
    assertThat(n.money()).isEqualTo(Money.of(59.40, USD));
    assertThat(n.purchase()).isEqualTo(p.id());
    assertThat(n.lot()).isEqualTo(p.lot());
    assertThat(n.entry()).isEqualTo(refund.entry());
    assertThat(n.data())
        .containsEntry("refundId", refund.id())
        .containsEntry("packageName", "Starter");
  }

  @Test
  void theSweepWritesOneExpiredNotificationPerExpiredLot() {
    WalletRef acme = wallet("acme");
    Instant soon = clock.instant().plus(Duration.ofDays(10));
    LotId first = lotOf(grantPaid(acme, 100, "0.50", soon));
    LotId second = lotOf(grantPaid(acme, 30, "0", soon.plus(Duration.ofDays(1))));
    grant(acme, 5); // never expires
    consume(acme, 20); // from the first lot: 80 left there

    clock.advance(Duration.ofDays(11));
    ExpiryReport report = credits.expiry().expire(ws, clock.instant());
    credits.expiry().expire(ws, clock.instant()); // again: nothing more

    assertThat(report.lotsExpired()).isEqualTo(2);
    List<Notification> expired = notifications(ws, NotificationType.EXPIRED);
    assertThat(expired).extracting(Notification::lot).containsExactlyInAnyOrder(first, second);
    Notification n = expired.stream().filter(e -> e.lot().equals(first)).findFirst().orElseThrow();
    assertThat(n.credits()).isEqualByComparingTo("80");
    assertThat(n.expiresAt()).isEqualTo(soon);
    assertThat(n.data()).containsEntry("rolledOver", "0");
    assertThat(n.entry()).isNotNull();
    assertThat(ledger.history(dev.credits4j.api.HistoryQuery.firstPage(acme, 50)).entries())
        .anySatisfy(e -> assertThat(e.id()).isEqualTo(n.entry()));
  }

  @Test
  void anExpiredPurchaseLotNamesItsPurchaseAndRolloverIsReported() {
    ws = newWorkspace(b -> b.rolloverEnabled(true).rolloverCapCredits(n(30)));
    WalletRef acme = wallet("acme");
    CreditPackageView starter = DemoCatalog.seed(credits.catalog(), ws).get(0);
    PurchaseView p = bought(acme, starter);

    clock.advance(Duration.ofDays(90));
    credits.expiry().expire(ws, clock.instant());

    Notification n = notifications(ws, NotificationType.EXPIRED).get(0);
    assertThat(n.purchase()).isEqualTo(p.id());
    assertThat(n.credits()).isEqualByComparingTo("70");
    assertThat(n.data()).containsEntry("rolledOver", "30");
  }

  @Test
  void aChangeThatRollsBackWritesNoNotification() {
    ws = newWorkspace(b -> b.lowBalanceThreshold(n(100)));
    WalletRef acme = wallet("acme");
    grant(acme, 150);

    insufficient(() -> consume(acme, 500));
    assertThat(notifications(ws)).isEmpty();

    PurchaseView p = bought(acme, DemoCatalog.seed(credits.catalog(), ws).get(0));
    clock.advance(Duration.ofSeconds(1));
    credits.purchases().refund(p.id(), null, TEAM, null);
    clock.advance(Duration.ofSeconds(1));
    consume(acme, 60); // 90: crosses 100
    failure(
        dev.credits4j.api.ErrorCode.NOTHING_TO_REFUND,
        () -> credits.purchases().refund(p.id(), null, TEAM, null));
    insufficient(() -> consume(acme, 91));

    assertThat(notifications(ws))
        .extracting(Notification::type)
        .as("the purchase, its refund and the consume that crossed 100; nothing for what failed")
        .containsExactly(
            NotificationType.PURCHASE_CONFIRMATION,
            NotificationType.REFUND,
            NotificationType.LOW_BALANCE);
  }

  @Test
  void dataValuesSurviveStorageWhateverTheirCharacters() {
    Map<String, String> data = Map.of("a&b", "x=y&z", "name", "Ünïcödé + 100%", "empty", "");
    assertThat(Outbox.decode(Outbox.encode(data))).isEqualTo(data);
    assertThat(Outbox.decode("")).isEmpty();
  }

  @Test
  void aLotGrantedWithTheHostsOwnPurchaseReferenceKeepsItAsData() {
    WalletRef acme = wallet("acme");
    ledger.grant(
        dev.credits4j.api.GrantRequest.builder(acme, n(10), SYSTEM)
            .references(dev.credits4j.api.References.purchase(null, "host-order-17"))
            .expiresAt(clock.instant().plus(Duration.ofDays(1)))
            .build());
    clock.advance(Duration.ofDays(1));
    credits.expiry().expire(ws, clock.instant());

    Notification n = notifications(ws, NotificationType.EXPIRED).get(0);
    assertThat(n.purchase()).isNull();
    assertThat(n.data()).containsEntry("purchaseReference", "host-order-17");
  }
}
