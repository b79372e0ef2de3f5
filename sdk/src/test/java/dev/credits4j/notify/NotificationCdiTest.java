package dev.credits4j.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.DispatchReport;
import dev.credits4j.api.ExpiryWarnings;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationDispatcher;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.catalog.DefaultPackageCatalog;
import dev.credits4j.internal.CdiWiring;
import dev.credits4j.ledger.DefaultCreditLedger;
import dev.credits4j.ledger.LedgerWallets;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.spi.Notifier;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import dev.credits4j.workspace.DefaultWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.money.Monetary;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Notifications under CDI: the dispatcher finds every {@link Notifier} bean (the built-in {@link
 * CdiEventNotifier} and the host's), takes the host's {@link DispatcherSettings}, and observers get
 * each notification as a CDI event once its change committed.
 */
@Tag("database")
class NotificationCdiTest {
  private static final TestDatabase DB = TestDatabase.current();
  private static final MutableClock CLOCK = MutableClock.at("2026-06-01T08:00:00Z");

  /** What a CDI host provides. */
  @Dependent
  public static class HostResources {
    @Produces
    @CreditsPersistenceUnit
    EntityManagerFactory credits() {
      return DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);
    }

    @Produces
    Clock clock() {
      return CLOCK;
    }

    @Produces
    DispatcherSettings dispatch() {
      return DispatcherSettings.DEFAULTS.withBatchSize(7);
    }
  }

  /** A host's observer of the SDK's notification events. */
  @ApplicationScoped
  public static class Inbox {
    final List<Notification> received = new CopyOnWriteArrayList<>();

    void on(@Observes Notification n) {
      received.add(n);
    }

    /** Through a method: the injected reference is a client proxy whose fields are its own. */
    List<Notification> received() {
      return received;
    }
  }

  /** A host's own notifier bean. */
  @ApplicationScoped
  public static class HostNotifier implements Notifier {
    final List<Notification> delivered = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "host";
    }

    @Override
    public void deliver(Notification n) {
      delivered.add(n);
    }

    List<Notification> delivered() {
      return delivered;
    }
  }

  @Test
  void injectedDispatcherDeliversThroughEveryNotifierBeanAndFiresCdiEvents() {
    try (WeldContainer cdi =
        new Weld("credits4j-notify-" + UUID.randomUUID())
            .disableDiscovery()
            .addBeanClasses(
                CdiWiring.class,
                DefaultCreditLedger.class,
                LedgerWallets.class,
                DefaultWorkspaces.class,
                DefaultPackageCatalog.class,
                DefaultNotificationDispatcher.class,
                DefaultExpiryWarnings.class,
                CdiEventNotifier.class,
                HostResources.class,
                HostNotifier.class,
                Inbox.class)
            .initialize()) {
      NotificationDispatcher dispatcher = cdi.select(NotificationDispatcher.class).get();
      ExpiryWarnings warnings = cdi.select(ExpiryWarnings.class).get();
      CreditLedger ledger = cdi.select(CreditLedger.class).get();
      Workspaces workspaces = cdi.select(Workspaces.class).get();
      Inbox inbox = cdi.select(Inbox.class).get();
      HostNotifier host = cdi.select(HostNotifier.class).get();
      DefaultNotificationDispatcher impl = cdi.select(DefaultNotificationDispatcher.class).get();
      assertThat(impl.notifiers())
          .extracting(Notifier::name)
          .containsExactlyInAnyOrder("cdi-event", "host");
      assertThat(impl.settings().batchSize()).isEqualTo(7);

      String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
      workspaces.create(
          WorkspaceSettings.builder(ws, Monetary.getCurrency("USD"))
              .lowBalanceThreshold(BigDecimal.TEN)
              .build());
      WalletRef w = WalletRef.of(ws, "acme");
      workspaces.registerOrganization(w, "Acme");
      ledger.grant(
          GrantRequest.builder(w, BigDecimal.valueOf(20), Actor.system("t"))
              .expiresAt(CLOCK.instant().plus(Duration.ofDays(5)))
              .build());
      ledger.consume(ConsumeRequest.of(w, BigDecimal.valueOf(15), Actor.client("c", "C"), null));
      assertThat(warnings.sendDue(ws, CLOCK.instant())).isEqualTo(1);
      assertThat(inbox.received()).as("nothing fires before dispatch").isEmpty();

      DispatchReport report = dispatcher.dispatchPending();

      assertThat(report.delivered()).isGreaterThanOrEqualTo(2);
      List<NotificationType> events =
          inbox.received().stream()
              .filter(n -> n.wallet().equals(w))
              .map(Notification::type)
              .toList();
      assertThat(events)
          .containsExactlyInAnyOrder(NotificationType.LOW_BALANCE, NotificationType.EXPIRING_SOON);
      assertThat(host.delivered().stream().filter(n -> n.wallet().equals(w)))
          .extracting(Notification::id)
          .containsExactlyInAnyOrderElementsOf(
              inbox.received().stream()
                  .filter(n -> n.wallet().equals(w))
                  .map(Notification::id)
                  .toList());
      assertThat(ledger.reconcile(w).clean()).isTrue();
    }
  }
}
