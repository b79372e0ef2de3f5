package dev.credits4j.subscription;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.OutboxQuery;
import dev.credits4j.api.SubscriptionChargeView;
import dev.credits4j.api.SubscriptionRequest;
import dev.credits4j.api.SubscriptionView;
import dev.credits4j.api.Subscriptions;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;

/** What the subscription tests share: the service, recurring offerings of whole credits. */
abstract class SubscriptionTestBase extends LedgerTestBase {
  protected Subscriptions subscriptions;

  @BeforeEach
  void openSubscriptions() {
    subscriptions = credits.subscriptions();
  }

  /** A recurring offering of the test workspace charging {@code credits} every {@code period}. */
  protected OfferingView recurring(String name, long credits, AllotmentPeriod period) {
    return this.credits
        .offerings()
        .create(ws, OfferingRequest.recurring(name, n(credits), period).build());
  }

  protected SubscriptionView subscribe(WalletRef w, OfferingView o) {
    return subscriptions.subscribe(SubscriptionRequest.of(w, o.id(), CLIENT));
  }

  protected SubscriptionView subscribe(WalletRef w, OfferingView o, String start) {
    return subscriptions.subscribe(
        new SubscriptionRequest(w, o.id(), LocalDate.parse(start), CLIENT, null));
  }

  /** Moves the clock to an ISO instant. */
  protected void at(String instant) {
    clock.set(Instant.parse(instant));
  }

  /** The wallet's USAGE entries, oldest first. */
  protected List<LedgerEntryView> usage(WalletRef w) {
    List<LedgerEntryView> entries =
        new ArrayList<>(
            ledger
                .history(new HistoryQuery(w, Set.of(EntryType.USAGE), null, null, null, 500))
                .entries());
    Collections.reverse(entries);
    return entries;
  }

  /** The first days of the periods a subscription was charged for, in order. */
  protected List<LocalDate> chargedPeriods(SubscriptionView s) {
    return subscriptions.charges(s.id()).stream().map(SubscriptionChargeView::periodStart).toList();
  }

  /** The test workspace's notifications of one type for one wallet, oldest first. */
  protected List<Notification> notifications(NotificationType type, WalletRef w) {
    List<Notification> found = new ArrayList<>();
    for (OutboxEntryView e :
        credits.outbox().list(new OutboxQuery(ws, null, null, OutboxQuery.MAX_LIMIT)).items()) {
      if (e.notification().type() == type && e.notification().wallet().equals(w)) {
        found.add(e.notification());
      }
    }
    return found;
  }

  protected static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }
}
