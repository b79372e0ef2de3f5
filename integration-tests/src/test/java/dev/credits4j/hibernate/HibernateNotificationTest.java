package dev.credits4j.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.DispatchReport;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationStatus;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.notify.DispatcherSettings;
import dev.credits4j.spi.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The notification outbox on Hibernate ORM: the low-balance alert and expiry warnings are written
 * with their changes, and the dispatcher's conditional bulk updates claim, retry and mark them.
 */
class HibernateNotificationTest extends HibernateLedgerTestBase {
  private final List<Notification> delivered = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger(1);

  @Override
  Credits4j.Builder configure(Credits4j.Builder builder) {
    return builder
        .dispatcherSettings(
            DispatcherSettings.DEFAULTS
                .withBatchSize(2)
                .withBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)))
        .notifier(
            new Notifier() {
              @Override
              public String name() {
                return "rec";
              }

              @Override
              public void deliver(Notification n) {
                if (n.wallet().workspace().equals(ws) && failuresLeft.getAndDecrement() > 0) {
                  throw new IllegalStateException("down once");
                }
                delivered.add(n);
              }
            });
  }

  @Test
  void alertsAndWarningsAreWrittenWithTheirChangesAndDeliveredOnceAfterARetry() {
    ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
    workspaces.create(WorkspaceSettings.builder(ws, USD).lowBalanceThreshold(n(100)).build());
    WalletRef acme = wallet("acme");
    grant(acme, 150);
    ledger.consume(ConsumeRequest.of(acme, n(60), CLIENT, null));
    ledger.consume(ConsumeRequest.of(acme, n(10), CLIENT, null));
    grantPaid(acme, 10, "0", daysFromNow(5));
    assertThat(credits.expiryWarnings().sendDue(ws, clock.instant())).isEqualTo(1);
    assertThat(credits.expiryWarnings().sendDue(ws, clock.instant())).isZero();

    DispatchReport first = credits.notifications().dispatchPending();
    clock.advance(Duration.ofMinutes(1));
    DispatchReport second = credits.notifications().dispatchPending();

    assertThat(first.retrying()).isEqualTo(1);
    assertThat(second.delivered()).isGreaterThanOrEqualTo(1);
    List<Notification> mine = delivered.stream().filter(n -> n.wallet().equals(acme)).toList();
    assertThat(mine)
        .extracting(Notification::type)
        .containsExactlyInAnyOrder(NotificationType.LOW_BALANCE, NotificationType.EXPIRING_SOON);
    for (Notification n : mine) {
      OutboxEntryView e = credits.notifications().get(n.id());
      assertThat(e.status()).isEqualTo(NotificationStatus.DELIVERED);
    }
    assertThat(mine.stream().filter(n -> n.type() == NotificationType.LOW_BALANCE).findFirst())
        .hasValueSatisfying(n -> assertThat(n.credits()).isEqualByComparingTo("90"));
  }
}
