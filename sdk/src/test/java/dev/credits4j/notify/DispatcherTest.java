package dev.credits4j.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.Credits4j;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.DispatchReport;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationDispatcher;
import dev.credits4j.api.NotificationId;
import dev.credits4j.api.NotificationStatus;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.spi.Notifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher: delivers each notification once per notifier, retries failures with exponential
 * backoff, gives up after the last attempt, recovers claims of dispatchers that died, and lets
 * several dispatchers race without delivering anything twice.
 */
class DispatcherTest extends NotifyTestBase {
  private static final DispatcherSettings SETTINGS =
      DispatcherSettings.DEFAULTS
          .withBatchSize(5)
          .withMaxAttempts(4)
          .withLease(Duration.ofMinutes(2))
          .withBackoff(Duration.ofMinutes(1), Duration.ofMinutes(3));

  /** A notifier that takes its node down with it: it throws an Error, which nothing catches. */
  static final class NodeDeath extends Error {
    NodeDeath() {
      super("the node died mid-delivery");
    }
  }

  /** Writes {@code count} LOW_BALANCE notifications (one per wallet) in a fresh workspace. */
  private List<NotificationId> notificationsInNewWorkspace(int count) {
    ws = newWorkspace(b -> b.lowBalanceThreshold(n(10)));
    for (int i = 0; i < count; i++) {
      WalletRef w = wallet("org-" + i);
      grant(w, 10);
      consume(w, 1);
    }
    List<NotificationId> ids = outbox(ws).stream().map(e -> e.notification().id()).toList();
    assertThat(ids).hasSize(count);
    return ids;
  }

  private static Map<NotificationId, Long> countsById(List<Notification> delivered) {
    return delivered.stream()
        .collect(Collectors.groupingBy(Notification::id, Collectors.counting()));
  }

  @Test
  void deliversEachDueNotificationOnceAndMarksItDelivered() {
    List<NotificationId> ids = notificationsInNewWorkspace(7);
    RecordingNotifier rec = new RecordingNotifier("rec");
    try (Credits4j c = withNotifiers(SETTINGS, rec)) {
      DispatchReport first = c.notifications().dispatchPending();
      DispatchReport second = c.notifications().dispatchPending();

      assertThat(first).isEqualTo(new DispatchReport(7, 7, 0, 0));
      assertThat(second).isEqualTo(new DispatchReport(0, 0, 0, 0));
      assertThat(rec.of(ws)).extracting(Notification::id).containsExactlyElementsOf(ids);
      for (OutboxEntryView e : outbox(ws)) {
        assertThat(e.status()).isEqualTo(NotificationStatus.DELIVERED);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.deliveredAt()).isEqualTo(clock.instant());
        assertThat(e.claimedUntil()).isNull();
        assertThat(e.nextAttemptAt()).isNull();
      }
    }
  }

  @Test
  void aFailedDeliveryIsRetriedWithExponentialBackoff() {
    NotificationId id = notificationsInNewWorkspace(1).get(0);
    RecordingNotifier rec = new RecordingNotifier("rec");
    rec.failuresLeft = 2;
    try (Credits4j c = withNotifiers(SETTINGS, rec)) {
      NotificationDispatcher d = c.notifications();
      assertThat(d.dispatchPending()).isEqualTo(new DispatchReport(1, 0, 1, 0));
      OutboxEntryView failed = d.get(id);
      assertThat(failed.status()).isEqualTo(NotificationStatus.PENDING);
      assertThat(failed.attempts()).isEqualTo(1);
      assertThat(failed.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
      assertThat(failed.lastError()).contains("rec: ").contains("receiver of rec is down");
      assertThat(failed.claimedUntil()).isNull();

      clock.advance(Duration.ofSeconds(59));
      assertThat(d.dispatchPending().claimed()).as("not due before its backoff").isZero();
      clock.advance(Duration.ofSeconds(1));
      assertThat(d.dispatchPending()).isEqualTo(new DispatchReport(1, 0, 1, 0));
      assertThat(d.get(id).nextAttemptAt())
          .as("the second wait doubles")
          .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

      clock.advance(Duration.ofMinutes(2));
      assertThat(d.dispatchPending()).isEqualTo(new DispatchReport(1, 1, 0, 0));
      assertThat(d.get(id).attempts()).isEqualTo(3);
      assertThat(d.get(id).status()).isEqualTo(NotificationStatus.DELIVERED);
      assertThat(rec.of(ws)).extracting(Notification::id).containsExactly(id);
    }
  }

  @Test
  void theBackoffDoublesUpToItsCap() {
    assertThat(SETTINGS.backoff(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(SETTINGS.backoff(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(SETTINGS.backoff(3)).isEqualTo(Duration.ofMinutes(3));
    assertThat(SETTINGS.backoff(90)).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void aNotificationFailingEveryAttemptIsDeadUntilAnOperatorRetriesIt() {
    NotificationId id = notificationsInNewWorkspace(1).get(0);
    RecordingNotifier rec = new RecordingNotifier("rec");
    rec.failuresLeft = Integer.MAX_VALUE;
    try (Credits4j c = withNotifiers(SETTINGS, rec)) {
      NotificationDispatcher d = c.notifications();
      List<DispatchReport> runs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        runs.add(d.dispatchPending());
        clock.advance(Duration.ofMinutes(5));
      }
      assertThat(runs)
          .containsExactly(
              new DispatchReport(1, 0, 1, 0),
              new DispatchReport(1, 0, 1, 0),
              new DispatchReport(1, 0, 1, 0),
              new DispatchReport(1, 0, 0, 1),
              new DispatchReport(0, 0, 0, 0),
              new DispatchReport(0, 0, 0, 0));
      OutboxEntryView dead = d.get(id);
      assertThat(dead.status()).isEqualTo(NotificationStatus.DEAD);
      assertThat(dead.attempts()).isEqualTo(4);
      assertThat(dead.lastError()).contains("receiver of rec is down");
      assertThat(d.undelivered(1000)).extracting(e -> e.notification().id()).contains(id);

      rec.failuresLeft = 0;
      OutboxEntryView retried = d.retry(id);
      assertThat(retried.status()).isEqualTo(NotificationStatus.PENDING);
      assertThat(retried.attempts()).isZero();
      assertThat(retried.nextAttemptAt()).isEqualTo(clock.instant());
      assertThat(d.dispatchPending()).isEqualTo(new DispatchReport(1, 1, 0, 0));
      assertThat(rec.of(ws)).extracting(Notification::id).containsExactly(id);
      assertThat(d.undelivered(1000)).extracting(e -> e.notification().id()).doesNotContain(id);

      CreditsException notDead = failure(ErrorCode.NOTIFICATION_NOT_DEAD, () -> d.retry(id));
      assertThat(fields(notDead)).containsExactly("notificationId");
      failure(ErrorCode.NOTIFICATION_NOT_FOUND, () -> d.get(new NotificationId(UUID.randomUUID())));
      failure(
          ErrorCode.NOTIFICATION_NOT_FOUND, () -> d.retry(new NotificationId(UUID.randomUUID())));
    }
  }

  @Test
  void aNotifierThatAcceptedANotificationIsNotCalledAgainWhenAnotherFails() {
    NotificationId id = notificationsInNewWorkspace(1).get(0);
    RecordingNotifier mail = new RecordingNotifier("mail");
    RecordingNotifier chat = new RecordingNotifier("chat");
    chat.failuresLeft = 1;
    try (Credits4j c = withNotifiers(SETTINGS, mail, chat)) {
      assertThat(c.notifications().dispatchPending()).isEqualTo(new DispatchReport(1, 0, 1, 0));
      clock.advance(Duration.ofMinutes(1));
      assertThat(c.notifications().dispatchPending()).isEqualTo(new DispatchReport(1, 1, 0, 0));
    }
    assertThat(mail.of(ws)).extracting(Notification::id).containsExactly(id);
    assertThat(chat.of(ws)).extracting(Notification::id).containsExactly(id);
    assertThat(
            count(
                "select count(*) from credits_notification_delivery where notification_id = ?",
                id.toString()))
        .isEqualTo(2);
  }

  @Test
  void aDispatcherThatDiesMidBatchLeavesItsClaimsToLapseAndARestartDeliversEachOnce() {
    List<NotificationId> ids = notificationsInNewWorkspace(5);
    List<Notification> delivered = new CopyOnWriteArrayList<>();
    Notifier dying =
        new Notifier() {
          @Override
          public String name() {
            return "rec";
          }

          @Override
          public void deliver(Notification n) {
            if (delivered.size() == 2) {
              throw new NodeDeath();
            }
            delivered.add(n);
          }
        };
    try (Credits4j node1 = withNotifiers(SETTINGS, dying)) {
      assertThatThrownBy(() -> node1.notifications().dispatchPending())
          .isInstanceOf(NodeDeath.class);
    }
    List<OutboxEntryView> afterCrash = outbox(ws);
    assertThat(afterCrash)
        .extracting(OutboxEntryView::status)
        .containsExactly(
            NotificationStatus.DELIVERED,
            NotificationStatus.DELIVERED,
            NotificationStatus.PENDING,
            NotificationStatus.PENDING,
            NotificationStatus.PENDING);
    assertThat(afterCrash.get(2).claimedUntil())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

    RecordingNotifier rec = new RecordingNotifier("rec");
    try (Credits4j node2 = withNotifiers(SETTINGS, rec)) {
      assertThat(node2.notifications().dispatchPending().claimed())
          .as("the dead node's claims hold until their lease lapses")
          .isZero();
      clock.advance(Duration.ofMinutes(2));
      assertThat(node2.notifications().dispatchPending()).isEqualTo(new DispatchReport(3, 3, 0, 0));
      assertThat(node2.notifications().dispatchPending().claimed()).isZero();
    }
    List<Notification> all = new ArrayList<>(delivered);
    all.addAll(rec.of(ws));
    assertThat(all).extracting(Notification::id).containsExactlyElementsOf(ids);
    assertThat(outbox(ws).get(2).attempts()).as("the crashed attempt counts").isEqualTo(2);
  }

  @Test
  void aClaimThatLapsedOnTheLastAllowedAttemptMakesTheNotificationDead() {
    NotificationId id = notificationsInNewWorkspace(1).get(0);
    DispatcherSettings once = SETTINGS.withMaxAttempts(1);
    Notifier dying =
        new Notifier() {
          @Override
          public String name() {
            return "rec";
          }

          @Override
          public void deliver(Notification n) {
            throw new NodeDeath();
          }
        };
    try (Credits4j c = withNotifiers(once, dying)) {
      assertThatThrownBy(() -> c.notifications().dispatchPending()).isInstanceOf(NodeDeath.class);
      clock.advance(Duration.ofMinutes(2));
      assertThat(c.notifications().dispatchPending())
          .as("claimed again, and not delivered again")
          .isEqualTo(new DispatchReport(1, 0, 0, 1));
      assertThat(c.notifications().dispatchPending().claimed()).isZero();
      OutboxEntryView dead = c.notifications().get(id);
      assertThat(dead.status()).isEqualTo(NotificationStatus.DEAD);
      assertThat(dead.attempts()).isEqualTo(1);
      assertThat(dead.lastError()).contains("lapsed");
    }
  }

  @Test
  void aDispatcherWhoseClaimLapsesMidDeliveryStopsAndTheNextOneFinishesWithoutRepeats() {
    NotificationId id = notificationsInNewWorkspace(1).get(0);
    List<Notification> slowDelivered = new CopyOnWriteArrayList<>();
    Notifier slow =
        new Notifier() {
          @Override
          public String name() {
            return "slow";
          }

          @Override
          public void deliver(Notification n) {
            slowDelivered.add(n);
            clock.advance(Duration.ofMinutes(3)); // longer than the 2-minute lease
          }
        };
    RecordingNotifier fast = new RecordingNotifier("fast");
    try (Credits4j c = withNotifiers(SETTINGS, slow, fast)) {
      assertThat(c.notifications().dispatchPending())
          .as("the claim lapsed before 'fast' could be called")
          .isEqualTo(new DispatchReport(1, 0, 0, 0));
      assertThat(fast.of(ws)).isEmpty();
      assertThat(c.notifications().dispatchPending()).isEqualTo(new DispatchReport(1, 1, 0, 0));
    }
    assertThat(slowDelivered).extracting(Notification::id).containsExactly(id);
    assertThat(fast.of(ws)).extracting(Notification::id).containsExactly(id);
  }

  @Test
  void dispatchersRacingOnSeveralThreadsDeliverEachNotificationExactlyOnce() throws Exception {
    List<NotificationId> ids = notificationsInNewWorkspace(40);
    List<Notification> delivered = new CopyOnWriteArrayList<>();
    int nodes = 4;
    List<Credits4j> instances = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<DispatchReport>> runs = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        Credits4j node =
            withNotifiers(
                SETTINGS.withBatchSize(3),
                new Notifier() {
                  @Override
                  public String name() {
                    return "rec";
                  }

                  @Override
                  public void deliver(Notification n) {
                    delivered.add(n);
                  }
                });
        instances.add(node);
        Callable<DispatchReport> run =
            () -> {
              start.await();
              return node.notifications().dispatchPending();
            };
        runs.add(pool.submit(run));
      }
      start.countDown();
      int claimed = 0;
      int marked = 0;
      for (Future<DispatchReport> f : runs) {
        DispatchReport r = f.get(120, TimeUnit.SECONDS);
        claimed += r.claimed();
        marked += r.delivered();
      }
      assertThat(claimed).isEqualTo(40);
      assertThat(marked).isEqualTo(40);
    } finally {
      pool.shutdownNow();
      instances.forEach(Credits4j::close);
    }
    Map<NotificationId, Long> counts = countsById(delivered);
    assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(counts.values()).allMatch(n -> n == 1L);
    assertThat(outbox(ws)).allMatch(e -> e.status() == NotificationStatus.DELIVERED);
  }

  @Test
  void deliveredNotificationsCanBePurged() {
    List<NotificationId> ids = notificationsInNewWorkspace(2);
    try (Credits4j c = withNotifiers(SETTINGS, new RecordingNotifier("rec"))) {
      c.notifications().dispatchPending();
      assertThat(c.notifications().purgeDelivered(clock.instant()))
          .as("delivered at, not before")
          .isZero();
      clock.advance(Duration.ofSeconds(1));
      assertThat(c.notifications().purgeDelivered(clock.instant())).isGreaterThanOrEqualTo(2);
      assertThat(outbox(ws)).isEmpty();
      failure(ErrorCode.NOTIFICATION_NOT_FOUND, () -> c.notifications().get(ids.get(0)));
      failure(ErrorCode.INVALID_REQUEST, () -> c.notifications().purgeDelivered(null));
    }
  }

  @Test
  void aDispatcherWithoutNotifiersRefusesToRunAndLeavesNotificationsWaiting() {
    notificationsInNewWorkspace(1);
    assertThatThrownBy(() -> credits.notifications().dispatchPending())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CREDITS-0503");
    assertThat(outbox(ws))
        .extracting(OutboxEntryView::status)
        .containsExactly(NotificationStatus.PENDING);
  }

  @Test
  void badSettingsAndArgumentsAreRefusedNamingTheField() {
    Function<ThrowingSettings, List<String>> fieldsOf =
        make -> fields(failure(ErrorCode.INVALID_SETTINGS, make::build));
    assertThat(fieldsOf.apply(() -> DispatcherSettings.DEFAULTS.withBatchSize(0)))
        .containsExactly("batchSize");
    assertThat(fieldsOf.apply(() -> DispatcherSettings.DEFAULTS.withBatchSize(-5)))
        .containsExactly("batchSize");
    assertThat(fieldsOf.apply(() -> DispatcherSettings.DEFAULTS.withBatchSize(1001)))
        .containsExactly("batchSize");
    assertThat(fieldsOf.apply(() -> DispatcherSettings.DEFAULTS.withMaxAttempts(0)))
        .containsExactly("maxAttempts");
    assertThat(fieldsOf.apply(() -> DispatcherSettings.DEFAULTS.withLease(null)))
        .containsExactly("lease");
    assertThat(fieldsOf.apply(() -> DispatcherSettings.DEFAULTS.withLease(Duration.ofMillis(10))))
        .containsExactly("lease");
    assertThat(
            fieldsOf.apply(
                () ->
                    DispatcherSettings.DEFAULTS.withBackoff(Duration.ZERO, Duration.ofMinutes(1))))
        .containsExactly("initialBackoff");
    assertThat(
            fieldsOf.apply(
                () ->
                    DispatcherSettings.DEFAULTS.withBackoff(
                        Duration.ofMinutes(2), Duration.ofMinutes(1))))
        .containsExactly("maxBackoff");
    assertThat(fieldsOf.apply(() -> new DispatcherSettings(0, 0, null, null, null)))
        .containsExactly("batchSize", "maxAttempts", "lease", "initialBackoff", "maxBackoff");

    RecordingNotifier a = new RecordingNotifier("same");
    RecordingNotifier b = new RecordingNotifier("same");
    assertThatThrownBy(() -> withNotifiers(SETTINGS, a, b)).hasMessageContaining("CREDITS-0502");
    assertThatThrownBy(() -> withNotifiers(SETTINGS, new RecordingNotifier(" ")))
        .hasMessageContaining("CREDITS-0502");
    assertThatThrownBy(() -> withNotifiers(SETTINGS, new RecordingNotifier("x".repeat(65))))
        .hasMessageContaining("CREDITS-0502");

    NotificationDispatcher d = credits.notifications();
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> d.undelivered(0))))
        .containsExactly("limit");
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> d.undelivered(1001))))
        .containsExactly("limit");
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> d.get(null))))
        .containsExactly("notificationId");
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> d.retry(null))))
        .containsExactly("notificationId");
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> NotificationId.of("nope"))))
        .containsExactly("notificationId");
  }

  @FunctionalInterface
  private interface ThrowingSettings {
    DispatcherSettings build();
  }
}
