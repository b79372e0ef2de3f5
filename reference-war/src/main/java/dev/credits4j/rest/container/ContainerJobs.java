package dev.credits4j.rest.container;

import dev.credits4j.CreditsScheduler;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.AutoTopUps;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.ExpiryWarnings;
import dev.credits4j.api.NotificationDispatcher;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.Reports;
import dev.credits4j.api.Statements;
import dev.credits4j.api.Subscriptions;
import dev.credits4j.api.Webhooks;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs the SDK's periodic jobs on the application server, on its default {@link
 * ManagedScheduledExecutorService} (Jakarta Concurrency), from the application's start (after the
 * schema is migrated) to its end: the notification dispatcher, the expiry sweep, recurring
 * allotments, expiring-soon warnings, signed webhooks' deliveries, auto top-ups, the reconciliation
 * of paid purchases not yet credited, the resending of pending refunds, the release of timed-out
 * holds, the reports' daily rollup, the charges of subscriptions to recurring offerings and the
 * monthly usage statements, each every {@code credits4j.jobs.interval} (see {@link JobSettings});
 * {@code credits4j.jobs=false} turns them off.
 *
 * <p>A {@link CreditsScheduler} over the server's executor: one run at a time per job, a failure
 * logged and retried at the next interval without touching the other jobs. Every job is safe on
 * several nodes at once (each item is claimed or locked and re-checked), so every node runs them.
 */
@ApplicationScoped
public class ContainerJobs {
  /** The job that delivers pending notifications. */
  public static final String NOTIFICATIONS = "notifications";

  /** The job that writes expiring-soon warnings. */
  public static final String EXPIRY_WARNINGS = "expiry-warnings";

  /** How long a job still running at shutdown may go on before it is interrupted. */
  static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  private static final System.Logger LOG = System.getLogger(ContainerJobs.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService executor;

  @Inject ExpirySweep expiry;
  @Inject Allotments allotments;
  @Inject Purchases purchases;
  @Inject CreditLedger ledger;
  @Inject NotificationDispatcher notifications;
  @Inject ExpiryWarnings warnings;
  @Inject Reports reports;
  @Inject Webhooks webhooks;
  @Inject AutoTopUps autoTopUps;
  @Inject Subscriptions subscriptions;
  @Inject Statements statements;

  private CreditsScheduler scheduler;

  /** After {@link SchemaStartup} (observers of a lower priority run first). */
  synchronized void onStart(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 1000)
          @Initialized(ApplicationScoped.class)
          Object event) {
    JobSettings settings = JobSettings.fromEnvironment();
    if (!settings.enabled()) {
      LOG.log(
          Level.INFO,
          "CREDITS-0912 credits4j.jobs=false: no jobs run on this node; notifications wait in the"
              + " outbox until POST .../jobs/dispatch-notifications or another node delivers them");
      return;
    }
    scheduler =
        start(
            settings,
            executor,
            expiry,
            allotments,
            purchases,
            ledger,
            notifications,
            warnings,
            reports,
            webhooks,
            autoTopUps,
            subscriptions,
            statements);
    LOG.log(
        Level.INFO,
        "CREDITS-0912 credits4j runs its jobs every {0} on the server''s default managed scheduled"
            + " executor (credits4j.jobs=false turns them off)",
        settings.interval());
  }

  /**
   * The SDK's jobs and the dispatcher and warnings, each every {@code settings.interval()}, on
   * {@code executor}, the first runs after {@link JobSettings#initialDelay()}.
   */
  static CreditsScheduler start(
      JobSettings settings,
      ScheduledExecutorService executor,
      ExpirySweep expiry,
      Allotments allotments,
      Purchases purchases,
      CreditLedger ledger,
      NotificationDispatcher notifications,
      ExpiryWarnings warnings,
      Reports reports,
      Webhooks webhooks,
      AutoTopUps autoTopUps,
      Subscriptions subscriptions,
      Statements statements) {
    Duration every = settings.interval();
    return CreditsScheduler.forServices(expiry, allotments, purchases, reports)
        .holdRelease(ledger)
        .executor(executor)
        .every(CreditsScheduler.EXPIRY, every)
        .every(CreditsScheduler.ALLOTMENTS, every)
        .every(CreditsScheduler.PURCHASE_RECONCILIATION, every)
        .every(CreditsScheduler.REPORT_ROLLUP, every)
        .every(CreditsScheduler.REFUND_RESEND, every)
        .every(CreditsScheduler.HOLD_RELEASE, every)
        .register(NOTIFICATIONS, every, notifications::dispatchPending)
        .register(EXPIRY_WARNINGS, every, warnings::sendDueNow)
        .webhooks(webhooks)
        .every(CreditsScheduler.WEBHOOKS, every)
        .autoTopUps(autoTopUps)
        .every(CreditsScheduler.AUTO_TOP_UP, every)
        .subscriptions(subscriptions)
        .every(CreditsScheduler.SUBSCRIPTIONS, every)
        .statements(statements)
        .every(CreditsScheduler.STATEMENTS, every)
        .initialDelay(settings.initialDelay())
        .shutdownTimeout(SHUTDOWN_TIMEOUT)
        .start();
  }

  /** The jobs' names, intervals and counts; empty when they are off. */
  public synchronized List<CreditsScheduler.JobStatus> jobs() {
    return scheduler == null ? List.of() : scheduler.jobs();
  }

  /** Before the application's beans (its persistence unit among them) are destroyed. */
  void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    stop();
  }

  @PreDestroy
  synchronized void stop() {
    if (scheduler != null) {
      scheduler.close();
      scheduler = null;
    }
  }
}
