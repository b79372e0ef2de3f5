package dev.credits4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.CreditsScheduler.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The scheduler on jobs of the test's own: runs them repeatedly, isolates failures, never overlaps
 * a job with itself, and stops on close. Latches, not timing: only "has not happened yet" waits.
 */
class CreditsSchedulerTest {
  private static final Duration SHORT = Duration.ofMillis(2);
  private static final long PATIENCE = 30;

  private static void await(CountDownLatch latch, String what) throws InterruptedException {
    assertThat(latch.await(PATIENCE, TimeUnit.SECONDS)).as(what).isTrue();
  }

  @Test
  void runsEveryEnabledJobAgainAndAgain() throws Exception {
    // Four starts of "a": runs are counted when a run ends, and a job never overlaps itself, so
    // the fourth start proves three runs were counted.
    CountDownLatch a = new CountDownLatch(4);
    CountDownLatch b = new CountDownLatch(3);
    try (CreditsScheduler scheduler =
        CreditsScheduler.builder()
            .register("a", SHORT, a::countDown)
            .register("b", SHORT, b::countDown)
            .start()) {
      await(a, "job a started a fourth time");
      await(b, "job b ran three times");
      assertThat(scheduler.jobs()).extracting(JobStatus::name).containsExactly("a", "b");
      assertThat(scheduler.job("a").interval()).isEqualTo(SHORT);
      assertThat(scheduler.job("a").runs()).isGreaterThanOrEqualTo(3);
      assertThat(scheduler.job("a").lastFinishedAt()).isNotNull();
    }
  }

  @Test
  void aFailingJobIsLoggedCountedAndRunsAgainWhileTheOthersGoOn() throws Exception {
    CountDownLatch failed = new CountDownLatch(3);
    CountDownLatch healthy = new CountDownLatch(3);
    try (CreditsScheduler scheduler =
        CreditsScheduler.builder()
            .register(
                "failing",
                SHORT,
                () -> {
                  failed.countDown();
                  throw new IllegalStateException("boom");
                })
            .register("healthy", SHORT, healthy::countDown)
            .start()) {
      await(failed, "the failing job ran again after failing");
      await(healthy, "the healthy job kept running");
      JobStatus failing = scheduler.job("failing");
      assertThat(failing.failures()).isGreaterThanOrEqualTo(2);
      assertThat(failing.lastFailure()).contains("boom");
      assertThat(scheduler.job("healthy").failures()).isZero();
      assertThat(scheduler.job("healthy").lastFailure()).isNull();
    }
  }

  @Test
  void neverRunsTheSameJobTwiceAtOnceEvenWhenAskedToRunNow() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(60);
    Runnable job =
        () -> {
          int now = inside.incrementAndGet();
          most.accumulateAndGet(now, Math::max);
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inside.decrementAndGet();
          runs.incrementAndGet();
          enough.countDown();
        };
    try (CreditsScheduler scheduler =
        CreditsScheduler.builder().register("single", Duration.ofMillis(1), job).start()) {
      List<Thread> callers = new ArrayList<>();
      AtomicInteger refused = new AtomicInteger();
      for (int i = 0; i < 4; i++) {
        Thread t =
            new Thread(
                () -> {
                  while (enough.getCount() > 0) {
                    if (!scheduler.runNow("single")) {
                      refused.incrementAndGet();
                    }
                  }
                });
        t.start();
        callers.add(t);
      }
      await(enough, "the job ran 60 times");
      for (Thread t : callers) {
        t.join(TimeUnit.SECONDS.toMillis(PATIENCE));
      }
      assertThat(most.get()).as("runs of the job at the same time").isEqualTo(1);
      assertThat(refused.get()).as("runNow refused while the job was running").isPositive();
      assertThat(scheduler.job("single").runs()).isEqualTo(runs.get());
    }
  }

  @Test
  void runNowRefusesWhileTheScheduledRunIsGoing() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    try (CreditsScheduler scheduler =
        CreditsScheduler.builder()
            .register(
                "slow",
                Duration.ofHours(1),
                () -> {
                  runs.incrementAndGet();
                  started.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                })
            .start()) {
      await(started, "the first scheduled run started");
      assertThat(scheduler.job("slow").running()).isTrue();
      assertThat(scheduler.runNow("slow")).isFalse();
      release.countDown();
      while (scheduler.job("slow").running()) {
        Thread.onSpinWait();
      }
      assertThat(scheduler.runNow("slow")).isTrue();
      assertThat(runs.get()).isEqualTo(2);
    }
  }

  /**
   * Starts a job (on the executor {@code on} chooses) that runs until released and closes the
   * scheduler while it runs: close must wait for it to finish.
   */
  private static CreditsScheduler closeWaitsForTheRunningJob(
      UnaryOperator<CreditsScheduler.Builder> on, Duration interval, Set<Thread> ranOn)
      throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    CreditsScheduler scheduler =
        on.apply(CreditsScheduler.builder())
            .register(
                "busy",
                interval,
                () -> {
                  ranOn.add(Thread.currentThread());
                  started.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  finished.set(true);
                })
            .start();
    await(started, "the job started");
    CountDownLatch closed = new CountDownLatch(1);
    Thread closer =
        new Thread(
            () -> {
              scheduler.close();
              closed.countDown();
            });
    closer.start();
    assertThat(closed.await(200, TimeUnit.MILLISECONDS))
        .as("close returned while the job was still running")
        .isFalse();
    release.countDown();
    await(closed, "close returned once the job finished");
    assertThat(finished).as("the running job was allowed to finish").isTrue();
    return scheduler;
  }

  /** A job that never ends by itself is interrupted once close's timeout has passed. */
  private static void aStuckJobIsInterruptedAtClose(UnaryOperator<CreditsScheduler.Builder> on)
      throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CreditsScheduler scheduler =
        on.apply(CreditsScheduler.builder())
            .shutdownTimeout(Duration.ofMillis(100))
            .register(
                "stuck",
                Duration.ofHours(1),
                () -> {
                  started.countDown();
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException e) {
                    interrupted.countDown();
                  }
                })
            .start();
    await(started, "the stuck job started");
    scheduler.close();
    await(interrupted, "the stuck job was interrupted");
  }

  @Test
  void closeStopsSchedulingAndWaitsForTheRunningJob() throws Exception {
    Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
    CreditsScheduler scheduler = closeWaitsForTheRunningJob(b -> b, Duration.ofMillis(1), ranOn);
    // No run after close, proven without waiting for one not to happen: the scheduler's own
    // executor is terminated, so every thread that ever ran the job ends.
    for (Thread t : ranOn) {
      t.join(TimeUnit.SECONDS.toMillis(PATIENCE));
      assertThat(t.isAlive()).as("%s ended with the scheduler", t.getName()).isFalse();
    }
    assertThat(scheduler.jobs()).noneMatch(JobStatus::running);
    assertThatThrownBy(() -> scheduler.runNow("busy")).isInstanceOf(IllegalStateException.class);
    scheduler.close(); // idempotent
  }

  @Test
  void aJobStillRunningAfterTheShutdownTimeoutIsInterrupted() throws Exception {
    aStuckJobIsInterruptedAtClose(b -> b);
  }

  /** An executor of the host's, like an application server's managed one: two named threads. */
  private static ScheduledExecutorService hostExecutor() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newScheduledThreadPool(
        2,
        r -> {
          Thread t = new Thread(r, "host-managed-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @Test
  void onTheHostsExecutorJobsRunThereFailuresStayIsolatedAndCloseLeavesTheExecutorRunning()
      throws Exception {
    ScheduledExecutorService host = hostExecutor();
    try {
      CountDownLatch healthy = new CountDownLatch(3);
      CountDownLatch failed = new CountDownLatch(3);
      AtomicReference<String> thread = new AtomicReference<>();
      CreditsScheduler scheduler =
          CreditsScheduler.builder()
              .executor(host)
              .register(
                  "healthy",
                  SHORT,
                  () -> {
                    thread.set(Thread.currentThread().getName());
                    healthy.countDown();
                  })
              .register(
                  "failing",
                  SHORT,
                  () -> {
                    failed.countDown();
                    throw new IllegalStateException("boom");
                  })
              .start();
      await(healthy, "the job ran three times on the host's executor");
      await(failed, "the failing job ran again after failing");
      assertThat(thread.get()).startsWith("host-managed-");
      assertThat(scheduler.job("failing").failures()).isGreaterThanOrEqualTo(2);
      assertThat(scheduler.job("healthy").failures()).isZero();

      scheduler.close();
      // No run after close, proven without waiting: nothing runs now, and every task left on the
      // host's executor is cancelled (a cancelled periodic task never runs again).
      assertThat(scheduler.jobs()).noneMatch(CreditsScheduler.JobStatus::running);
      assertThat(((java.util.concurrent.ScheduledThreadPoolExecutor) host).getQueue())
          .as("no run after close")
          .allSatisfy(
              task -> assertThat(((java.util.concurrent.Future<?>) task).isCancelled()).isTrue());
      assertThat(host.isShutdown()).as("the host's executor is not shut down").isFalse();
      assertThat(host.submit(() -> "still serving").get(PATIENCE, TimeUnit.SECONDS))
          .isEqualTo("still serving");
      assertThatThrownBy(() -> scheduler.runNow("healthy"))
          .isInstanceOf(IllegalStateException.class);
    } finally {
      host.shutdownNow();
    }
  }

  @Test
  void onTheHostsExecutorCloseWaitsForTheRunningJobThenInterruptsItAfterTheTimeout()
      throws Exception {
    ScheduledExecutorService host = hostExecutor();
    try {
      closeWaitsForTheRunningJob(
          b -> b.executor(host), Duration.ofHours(1), ConcurrentHashMap.newKeySet());
      aStuckJobIsInterruptedAtClose(b -> b.executor(host));
      assertThat(host.isShutdown()).isFalse();
    } finally {
      host.shutdownNow();
    }
  }

  @Test
  void aHostExecutorThatRefusesWorkFailsTheStartAndSchedulesNothing() {
    ScheduledExecutorService host = hostExecutor();
    host.shutdown();
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(
            () ->
                CreditsScheduler.builder()
                    .executor(host)
                    .register("a", SHORT, runs::incrementAndGet)
                    .start())
        .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    assertThatThrownBy(() -> CreditsScheduler.builder().executor(null))
        .isInstanceOf(NullPointerException.class);
    assertThat(runs.get()).isZero();
  }

  @Test
  void disabledJobsNeverRunAndBadConfigurationIsRefused() {
    AtomicInteger runs = new AtomicInteger();
    try (CreditsScheduler scheduler =
        CreditsScheduler.builder()
            .register("off", SHORT, runs::incrementAndGet)
            .disable("off")
            .start()) {
      assertThat(scheduler.jobs()).isEmpty();
      assertThatThrownBy(() -> scheduler.runNow("off"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("off");
    }
    assertThat(runs.get()).isZero();
    CreditsScheduler.Builder b = CreditsScheduler.builder().register("a", SHORT, () -> {});
    assertThatThrownBy(() -> b.register("a", SHORT, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.every("missing", SHORT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.every("a", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.every("a", Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.register("", SHORT, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.register("has space", SHORT, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.initialDelay(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
