package dev.credits4j.rest.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.CreditsScheduler;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.ExpiryWarnings;
import dev.credits4j.api.NotificationDispatcher;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.Reports;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The WAR's schedule over stand-ins for the SDK's services and the server's executor: each of the
 * jobs calls its SDK method on the server's threads at the configured interval, a failing one does
 * not stop the others, and stopping leaves the server's executor running.
 */
class ContainerJobsTest {
  /** SDK method → the threads it was called on. */
  private final Map<String, Set<String>> calls = new ConcurrentHashMap<>();

  private final CountDownLatch everyJobTwice = new CountDownLatch(10 * 2);
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  /** A stand-in for one SDK service: records calls; {@code failing} throws. */
  private <T> T service(Class<T> type, String failing) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              String name = method.getName();
              calls
                  .computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet())
                  .add(Thread.currentThread().getName());
              if (counts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet() <= 2) {
                everyJobTwice.countDown();
              }
              if (name.equals(failing)) {
                throw new IllegalStateException("mail server down");
              }
              return method.getReturnType() == int.class ? 0 : null;
            }));
  }

  @Test
  void everyJobRunsOnTheServersExecutorAtTheIntervalAndAFailureStaysIsolated() throws Exception {
    AtomicInteger n = new AtomicInteger();
    ScheduledExecutorService server =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "managed-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      JobSettings settings = new JobSettings(true, Duration.ofSeconds(1));
      CreditsScheduler jobs =
          ContainerJobs.start(
              settings,
              server,
              service(ExpirySweep.class, null),
              service(Allotments.class, null),
              service(Purchases.class, null),
              service(CreditLedger.class, null),
              service(NotificationDispatcher.class, "dispatchPending"),
              service(ExpiryWarnings.class, null),
              service(Reports.class, null),
              service(dev.credits4j.api.Webhooks.class, null),
              service(dev.credits4j.api.AutoTopUps.class, null),
              service(dev.credits4j.api.Subscriptions.class, null),
              service(dev.credits4j.api.Statements.class, null));
      try {
        assertThat(everyJobTwice.await(30, TimeUnit.SECONDS)).as("every job ran twice").isTrue();
        assertThat(calls.keySet())
            .containsExactlyInAnyOrder(
                "expireNow",
                "grantDueNow",
                "creditPaidPurchases",
                "resendPendingRefunds",
                "releaseExpiredHolds",
                "dispatchPending",
                "sendDueNow",
                "rollUpAll",
                "deliverDue",
                "runTriggered",
                "chargeDueNow",
                "issueDueNow");
        assertThat(calls.values())
            .allSatisfy(threads -> assertThat(threads).allMatch(t -> t.startsWith("managed-")));
        assertThat(jobs.jobs())
            .extracting(CreditsScheduler.JobStatus::name)
            .containsExactly(
                "allotments",
                "auto-top-up",
                "expiry",
                "expiry-warnings",
                "hold-release",
                "notifications",
                "purchase-reconciliation",
                "refund-resend",
                "report-rollup",
                "statements",
                "subscriptions",
                "webhooks");
        assertThat(jobs.jobs())
            .allSatisfy(j -> assertThat(j.interval()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(jobs.job(ContainerJobs.NOTIFICATIONS).failures()).isGreaterThanOrEqualTo(2);
        assertThat(jobs.job(ContainerJobs.NOTIFICATIONS).lastFailure())
            .contains("mail server down");
        assertThat(jobs.job(CreditsScheduler.EXPIRY).failures()).isZero();
      } finally {
        jobs.close();
      }
      assertThat(server.isShutdown()).as("the server's executor outlives the jobs").isFalse();
      // No run after stop, proven without waiting: nothing runs now, and every task left on the
      // server's executor is cancelled (a cancelled periodic task never runs again).
      assertThat(jobs.jobs()).noneMatch(CreditsScheduler.JobStatus::running);
      assertThat(((java.util.concurrent.ScheduledThreadPoolExecutor) server).getQueue())
          .as("no run after stop")
          .allSatisfy(
              task -> assertThat(((java.util.concurrent.Future<?>) task).isCancelled()).isTrue());
      assertThat(List.of(server.submit(() -> 1).get(10, TimeUnit.SECONDS))).containsExactly(1);
    } finally {
      server.shutdownNow();
    }
  }
}
