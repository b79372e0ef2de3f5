package dev.credits4j;

import dev.credits4j.api.Allotments;
import dev.credits4j.api.AutoTopUps;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.Reports;
import dev.credits4j.api.Statements;
import dev.credits4j.api.Subscriptions;
import dev.credits4j.api.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Runs the SDK's periodic jobs on a scheduled executor of its own: the expiry sweep ({@value
 * #EXPIRY}), recurring allotments ({@value #ALLOTMENTS}), the reconciliation of paid purchases not
 * yet credited ({@value #PURCHASE_RECONCILIATION}), the reports' daily rollup ({@value
 * #REPORT_ROLLUP}), the charges of subscriptions to recurring offerings ({@value #SUBSCRIPTIONS})
 * and the monthly usage statements ({@value #STATEMENTS}), each every 5 minutes unless configured
 * otherwise, plus any job the host registers.
 *
 * <pre>{@code
 * CreditsScheduler jobs =
 *     CreditsScheduler.forCredits(credits)
 *         .every(CreditsScheduler.EXPIRY, Duration.ofMinutes(15))
 *         .disable(CreditsScheduler.PURCHASE_RECONCILIATION)
 *         .register("nightly-report", Duration.ofHours(24), reports::send)
 *         .start();
 * ...
 * jobs.close(); // stops scheduling and waits for running jobs
 * }</pre>
 *
 * <p>A job that throws is logged and runs again at its next interval. One instance never runs the
 * same job twice at once: each job waits its interval after a run ends before the next starts, and
 * {@link #runNow} refuses while the job runs. The SDK's jobs are safe to run on several nodes at
 * once (each locks what it changes and re-checks under the lock), so every node may run a
 * scheduler. See docs/allotments.md, "Scheduler".
 *
 * <p>On an application server, give it the server's executor ({@link Builder#executor}, e.g. the
 * default {@code ManagedScheduledExecutorService}): the jobs then run on the server's managed
 * threads, and {@link #close()} cancels them without shutting that executor down.
 */
public final class CreditsScheduler implements AutoCloseable {
  /** The expiry sweep: {@link ExpirySweep#expireNow()}. */
  public static final String EXPIRY = "expiry";

  /** Recurring allotments: {@link Allotments#grantDueNow()}. */
  public static final String ALLOTMENTS = "allotments";

  /** Paid purchases not yet credited: {@link Purchases#creditPaidPurchases()}. */
  public static final String PURCHASE_RECONCILIATION = "purchase-reconciliation";

  /**
   * The reports' daily rollup of every workspace: {@link Reports#rollUpAll()} (only in {@link
   * #forCredits} and {@link #forServices(ExpirySweep, Allotments, Purchases, Reports)}).
   */
  public static final String REPORT_ROLLUP = "report-rollup";

  /**
   * Refunds the gateway refused or could not take, sent again: {@link
   * Purchases#resendPendingRefunds()}.
   */
  public static final String REFUND_RESEND = "refund-resend";

  /**
   * Holds past their timeout, released: {@link CreditLedger#releaseExpiredHolds()} (in {@link
   * #forCredits}, or added by {@link Builder#holdRelease}).
   */
  public static final String HOLD_RELEASE = "hold-release";

  /**
   * Due webhook deliveries posted: {@link Webhooks#deliverDue()} (in {@link #forCredits} when the
   * instance has webhooks, or added by {@link Builder#webhooks}), every {@link #WEBHOOKS_INTERVAL}
   * unless configured otherwise.
   */
  public static final String WEBHOOKS = "webhooks";

  /** The webhook job's default interval: receivers expect events within seconds, not minutes. */
  public static final Duration WEBHOOKS_INTERVAL = Duration.ofSeconds(30);

  /**
   * Auto top-ups: {@link AutoTopUps#runTriggered()}, every {@link #AUTO_TOP_UP_INTERVAL} (in {@link
   * #forCredits}, or added by {@link Builder#autoTopUps}).
   */
  public static final String AUTO_TOP_UP = "auto-top-up";

  /** How often the {@link #AUTO_TOP_UP} job runs unless {@link Builder#every} says otherwise. */
  public static final Duration AUTO_TOP_UP_INTERVAL = Duration.ofSeconds(10);

  /**
   * Subscriptions to recurring offerings: {@link Subscriptions#chargeDueNow()}, every {@link
   * #DEFAULT_INTERVAL} (in {@link #forCredits}, or added by {@link Builder#subscriptions}).
   */
  public static final String SUBSCRIPTIONS = "subscriptions";

  /**
   * Usage statements: {@link Statements#issueDueNow()}, every {@link #DEFAULT_INTERVAL} (in {@link
   * #forCredits}, or added by {@link Builder#statements}); each month's statements are issued by
   * the first run after the month ends.
   */
  public static final String STATEMENTS = "statements";

  /** The interval of the built-in jobs unless {@link Builder#every} says otherwise. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  private static final System.Logger LOG = System.getLogger(CreditsScheduler.class.getName());
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Map<String, Job> jobs;

  /** The scheduler's own executor; null when it runs on the host's. */
  private final ScheduledThreadPoolExecutor executor;

  /** The jobs' scheduled runs, cancelled by {@link #close()}. */
  private final List<ScheduledFuture<?>> runs = new ArrayList<>();

  private final Duration shutdownTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CreditsScheduler(Builder b) {
    Map<String, Job> enabled = new LinkedHashMap<>();
    b.jobs.forEach(
        (name, spec) -> {
          if (spec.enabled) {
            enabled.put(name, new Job(name, spec.interval, spec.work));
          }
        });
    this.jobs = Map.copyOf(enabled);
    this.shutdownTimeout = b.shutdownTimeout;
    ScheduledExecutorService runOn;
    if (b.executor == null) {
      int instance = INSTANCES.incrementAndGet();
      AtomicInteger threads = new AtomicInteger();
      ThreadFactory factory =
          r -> {
            Thread t =
                new Thread(r, "credits4j-jobs-" + instance + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
          };
      this.executor = new ScheduledThreadPoolExecutor(Math.max(1, enabled.size()), factory);
      executor.setRemoveOnCancelPolicy(true);
      executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
      executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      runOn = executor;
    } else {
      this.executor = null;
      runOn = b.executor;
    }
    long delay = b.initialDelay.toMillis();
    try {
      for (Job job : enabled.values()) {
        runs.add(
            runOn.scheduleWithFixedDelay(
                job::runScheduled, delay, job.interval.toMillis(), TimeUnit.MILLISECONDS));
      }
    } catch (RuntimeException e) {
      // The host's executor refused (shut down, say): schedule nothing rather than a part.
      runs.forEach(r -> r.cancel(/* mayInterruptIfRunning= */ false));
      if (executor != null) {
        executor.shutdownNow();
      }
      throw e;
    }
    LOG.log(
        System.Logger.Level.INFO,
        "CREDITS-0610 credits4j scheduler started{0}: {1}",
        executor == null ? " on the host's executor" : "",
        enabled.values().stream().map(j -> j.name + " every " + j.interval).toList());
  }

  /** A scheduler with every job of the SDK (the reports' rollup included) over this instance. */
  public static Builder forCredits(Credits4j credits) {
    Objects.requireNonNull(credits, "credits");
    Builder b =
        forServices(credits.expiry(), credits.allotments(), credits.purchases(), credits.reports())
            .holdRelease(credits.ledger())
            .autoTopUps(credits.autoTopUps())
            .subscriptions(credits.subscriptions())
            .statements(credits.statements());
    return credits.hasWebhooks() ? b.webhooks(credits.webhooks()) : b;
  }

  /** A scheduler with the SDK's jobs, the reports' rollup included, over these services. */
  public static Builder forServices(
      ExpirySweep expiry, Allotments allotments, Purchases purchases, Reports reports) {
    Objects.requireNonNull(reports, "reports");
    return forServices(expiry, allotments, purchases)
        .job(REPORT_ROLLUP, DEFAULT_INTERVAL, reports::rollUpAll);
  }

  /** A scheduler with the SDK's three jobs over these services (as a CDI host injects them). */
  public static Builder forServices(
      ExpirySweep expiry, Allotments allotments, Purchases purchases) {
    Objects.requireNonNull(expiry, "expiry");
    Objects.requireNonNull(allotments, "allotments");
    Objects.requireNonNull(purchases, "purchases");
    return builder()
        .job(EXPIRY, DEFAULT_INTERVAL, expiry::expireNow)
        .job(ALLOTMENTS, DEFAULT_INTERVAL, allotments::grantDueNow)
        .job(PURCHASE_RECONCILIATION, DEFAULT_INTERVAL, purchases::creditPaidPurchases)
        .job(REFUND_RESEND, DEFAULT_INTERVAL, purchases::resendPendingRefunds);
  }

  /** A scheduler with no jobs but those registered. */
  public static Builder builder() {
    return new Builder();
  }

  /** What the scheduler knows of one job. */
  public record JobStatus(
      String name,
      Duration interval,
      boolean running,
      long runs,
      long failures,
      Instant lastStartedAt,
      Instant lastFinishedAt,
      String lastFailure) {}

  /** The enabled jobs, by name. */
  public List<JobStatus> jobs() {
    List<JobStatus> all = new ArrayList<>();
    for (Job j : jobs.values()) {
      all.add(j.status());
    }
    all.sort((a, b) -> a.name().compareTo(b.name()));
    return all;
  }

  /** One job's status. */
  public JobStatus job(String name) {
    return jobNamed(name).status();
  }

  /**
   * Runs the job now on the calling thread, unless it is running already. Returns false when it was
   * (nothing is run then); failures are logged and counted as for a scheduled run.
   */
  public boolean runNow(String name) {
    if (closed.get()) {
      throw new IllegalStateException("CREDITS-0614 the scheduler is closed");
    }
    return jobNamed(name).run();
  }

  private Job jobNamed(String name) {
    Job job = jobs.get(name);
    if (job == null) {
      throw new IllegalArgumentException(
          "CREDITS-0615 no enabled job '" + name + "'; jobs: " + jobs.keySet());
    }
    return job;
  }

  /**
   * Stops scheduling and waits for the jobs running now to finish, up to the shutdown timeout
   * (default 30 s), after which they are interrupted. Idempotent. A host's {@link Builder#executor}
   * is left running: only this scheduler's runs on it are cancelled.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    runs.forEach(r -> r.cancel(/* mayInterruptIfRunning= */ false));
    awaitRunningJobs();
    if (executor != null) {
      executor.shutdownNow(); // nothing is scheduled or running on it any more
    }
    LOG.log(System.Logger.Level.INFO, "CREDITS-0613 credits4j scheduler stopped");
  }

  /**
   * Waits for the scheduled runs in progress (a cancelled periodic task finishes the run it is in);
   * after the shutdown timeout, interrupts the threads running them. The same on the scheduler's
   * own executor and on a host's, which is never shut down.
   */
  private void awaitRunningJobs() {
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
    try {
      while (jobs.values().stream().anyMatch(j -> j.scheduledThread != null)) {
        if (System.nanoTime() - deadline >= 0) {
          LOG.log(
              System.Logger.Level.WARNING,
              "CREDITS-0612 credits4j jobs still running after {0}; interrupting them",
              shutdownTimeout);
          jobs.values().forEach(Job::interruptScheduledRun);
          return;
        }
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      jobs.values().forEach(Job::interruptScheduledRun);
      Thread.currentThread().interrupt();
    }
  }

  /** One job: its work, and what it did. */
  private static final class Job {
    final String name;
    final Duration interval;
    final Callable<?> work;
    final AtomicBoolean running = new AtomicBoolean();
    final AtomicLong runs = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    volatile Instant lastStartedAt;
    volatile Instant lastFinishedAt;
    volatile String lastFailure;

    /** The thread of the scheduled run in progress, if any (not of a {@code runNow} caller). */
    volatile Thread scheduledThread;

    Job(String name, Duration interval, Callable<?> work) {
      this.name = name;
      this.interval = interval;
      this.work = work;
    }

    /** A scheduled run: never throws, or the executor would stop scheduling the job. */
    void runScheduled() {
      scheduledThread = Thread.currentThread();
      try {
        run();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) {
        LOG.log(System.Logger.Level.ERROR, "CREDITS-0616 job " + name + " escaped its guard", t);
      } finally {
        scheduledThread = null;
      }
    }

    void interruptScheduledRun() {
      Thread t = scheduledThread;
      if (t != null) {
        t.interrupt();
      }
    }

    boolean run() {
      if (!running.compareAndSet(false, true)) {
        return false;
      }
      lastStartedAt = Instant.now();
      try {
        Object result = work.call();
        LOG.log(System.Logger.Level.DEBUG, "CREDITS-0617 job {0} finished: {1}", name, result);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) {
        failures.incrementAndGet();
        lastFailure = t.toString();
        LOG.log(
            System.Logger.Level.WARNING,
            "CREDITS-0611 job " + name + " failed; it runs again in " + interval,
            t);
        if (t instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      } finally {
        runs.incrementAndGet();
        lastFinishedAt = Instant.now();
        running.set(false);
      }
      return true;
    }

    JobStatus status() {
      return new JobStatus(
          name,
          interval,
          running.get(),
          runs.get(),
          failures.get(),
          lastStartedAt,
          lastFinishedAt,
          lastFailure);
    }
  }

  /** What a job will be once started. */
  private static final class Spec {
    Duration interval;
    final Callable<?> work;
    boolean enabled = true;

    Spec(Duration interval, Callable<?> work) {
      this.interval = interval;
      this.work = work;
    }
  }

  /** Configures a {@link CreditsScheduler}. */
  public static final class Builder {
    private final Map<String, Spec> jobs = new LinkedHashMap<>();
    private Duration initialDelay = Duration.ZERO;
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private ScheduledExecutorService executor;

    private Builder() {}

    private Builder job(String name, Duration interval, Callable<?> work) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "CREDITS-0618 a job name is 1 to 64 letters, digits, '.', '_' or '-', was " + name);
      }
      Objects.requireNonNull(work, "job");
      if (jobs.containsKey(name)) {
        throw new IllegalArgumentException("CREDITS-0618 a job named '" + name + "' exists");
      }
      jobs.put(name, new Spec(positive("interval", interval), work));
      return this;
    }

    /**
     * Adds a job of the host's (the notification dispatcher, expiring-soon warnings...): run every
     * {@code interval}, never twice at once, logged and retried at the next interval when it
     * throws.
     */
    public Builder register(String name, Duration interval, Runnable job) {
      Objects.requireNonNull(job, "job");
      return job(
          name,
          interval,
          () -> {
            job.run();
            return null;
          });
    }

    /** Adds the {@link #HOLD_RELEASE} job over this ledger, every {@link #DEFAULT_INTERVAL}. */
    public Builder holdRelease(CreditLedger ledger) {
      Objects.requireNonNull(ledger, "ledger");
      return job(HOLD_RELEASE, DEFAULT_INTERVAL, ledger::releaseExpiredHolds);
    }

    /** Adds the {@link #AUTO_TOP_UP} job over these auto top-ups. */
    public Builder autoTopUps(AutoTopUps autoTopUps) {
      Objects.requireNonNull(autoTopUps, "autoTopUps");
      return job(AUTO_TOP_UP, AUTO_TOP_UP_INTERVAL, autoTopUps::runTriggered);
    }

    /**
     * Adds the {@link #SUBSCRIPTIONS} job over these subscriptions, every {@link
     * #DEFAULT_INTERVAL}.
     */
    public Builder subscriptions(Subscriptions subscriptions) {
      Objects.requireNonNull(subscriptions, "subscriptions");
      return job(SUBSCRIPTIONS, DEFAULT_INTERVAL, subscriptions::chargeDueNow);
    }

    /** Adds the {@link #STATEMENTS} job over these statements, every {@link #DEFAULT_INTERVAL}. */
    public Builder statements(Statements statements) {
      Objects.requireNonNull(statements, "statements");
      return job(STATEMENTS, DEFAULT_INTERVAL, statements::issueDueNow);
    }

    /** Adds the {@link #WEBHOOKS} job over these webhooks, every {@link #WEBHOOKS_INTERVAL}. */
    public Builder webhooks(Webhooks webhooks) {
      Objects.requireNonNull(webhooks, "webhooks");
      return job(WEBHOOKS, WEBHOOKS_INTERVAL, webhooks::deliverDue);
    }

    /** Runs the job every {@code interval} (between the end of one run and the next start). */
    public Builder every(String name, Duration interval) {
      spec(name).interval = positive("interval", interval);
      return this;
    }

    /** Turns a job off (or back on): a disabled job is never run. */
    public Builder enabled(String name, boolean enabled) {
      spec(name).enabled = enabled;
      return this;
    }

    /** Turns a job off. */
    public Builder disable(String name) {
      spec(name).enabled = false;
      return this;
    }

    /** How long after {@link #start} each job first runs (default: at once). */
    public Builder initialDelay(Duration delay) {
      Objects.requireNonNull(delay, "initialDelay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("CREDITS-0618 initialDelay must not be negative");
      }
      this.initialDelay = delay;
      return this;
    }

    /**
     * Runs the jobs on the host's executor instead of threads of the scheduler's own: on an
     * application server, its {@code ManagedScheduledExecutorService}, so the jobs run on managed
     * threads with the application's context. Each job is scheduled with a fixed delay, as on the
     * scheduler's own executor; {@link CreditsScheduler#close()} cancels them and waits for running
     * ones, but never shuts the host's executor down.
     */
    public Builder executor(ScheduledExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** How long {@link CreditsScheduler#close} waits for running jobs (default 30 s). */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = positive("shutdownTimeout", timeout);
      return this;
    }

    private Spec spec(String name) {
      Spec spec = jobs.get(name);
      if (spec == null) {
        throw new IllegalArgumentException(
            "CREDITS-0615 no job '" + name + "'; jobs: " + jobs.keySet());
      }
      return spec;
    }

    private static Duration positive(String what, Duration d) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero() || d.toMillis() == 0) {
        throw new IllegalArgumentException(
            "CREDITS-0618 " + what + " must be at least a millisecond, was " + d);
      }
      return d;
    }

    /** Starts the enabled jobs. */
    public CreditsScheduler start() {
      return new CreditsScheduler(this);
    }
  }
}
