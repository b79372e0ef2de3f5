package dev.credits4j.internal;

import dev.credits4j.api.LedgerKeys;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.spi.CreditsReadReplica;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.spi.FeatureGate;
import dev.credits4j.spi.HostTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;

/**
 * Builds the services' {@link CreditsContext} under CDI from what the host provides: a {@link
 * CreditsPersistenceUnit} {@code EntityManagerFactory} (required), and optionally a {@link Clock},
 * a {@link DrawDownPolicy}, a {@link FeatureGate} and {@link HostTransactions} (to join the host's
 * transactions, e.g. {@link JtaHostTransactions}), each with a built-in default, and the {@link
 * LedgerKeys} of tamper evidence (default: none, with a warning). A host that observes the services
 * with Micrometer may also give the {@link TransactionEvents} of {@code
 * CreditsObservability.transactionEvents()}, to count the retries of the SDK's own transactions,
 * and a {@link CreditsReadReplica} {@code EntityManagerFactory} over a read replica, which the pure
 * reads of reports, history and exports then use (a dependent producer of it may return null: no
 * replica), and a {@link Transactions} bean of its own to replace the SDK's own resource-local
 * transactions (a Jakarta EE host over a JTA data source gives {@link JtaTransactions}).
 */
@ApplicationScoped
public class CdiWiring {
  private CreditsContext context;

  /** One context for all of the SDK's beans, so they share its settings cache. */
  @Produces
  synchronized CreditsContext context(
      @CreditsPersistenceUnit Instance<EntityManagerFactory> emf,
      Instance<Clock> clock,
      Instance<DrawDownPolicy> drawDownPolicy,
      Instance<FeatureGate> featureGate,
      Instance<LedgerKeys> ledgerKeys,
      Instance<HostTransactions> hostTransactions,
      Instance<TransactionEvents> transactionEvents,
      @CreditsReadReplica Instance<EntityManagerFactory> replica,
      Instance<Transactions> ownTransactions) {
    if (!emf.isResolvable()) {
      throw new IllegalStateException(
          "CREDITS-0010 credits4j needs exactly one @CreditsPersistenceUnit EntityManagerFactory"
              + " bean; produce one over the 'credits4j' persistence unit");
    }
    if (context == null) {
      TransactionEvents events =
          transactionEvents.isResolvable() ? transactionEvents.get() : TransactionEvents.NONE;
      // a host's Transactions producer may produce null: the SDK's own resource-local ones then
      Transactions own = ownTransactions.isResolvable() ? ownTransactions.get() : null;
      if (own == null) {
        own =
            new ResourceLocalTransactions(
                emf.get(), ResourceLocalTransactions.DEFAULT_MAX_ATTEMPTS, events);
      }
      // a host's (dependent) replica producer may produce null: no replica, every read on the
      // primary (the reference WAR's, when credits4j.datasource.replica is unset)
      EntityManagerFactory replicaEmf = replica.isResolvable() ? replica.get() : null;
      Transactions primary =
          hostTransactions.isResolvable()
              ? new JoiningTransactions(own, hostTransactions.get(), emf.get())
              : own;
      context =
          new CreditsContext(
              primary,
              clock.isResolvable() ? clock.get() : Clock.systemUTC(),
              drawDownPolicy.isResolvable() ? drawDownPolicy.get() : DrawDownPolicy.STANDARD,
              featureGate.isResolvable() ? featureGate.get() : FeatureGate.ALLOW_ALL,
              new SettingsCache(SettingsCache.DEFAULT_TTL),
              LedgerKeysWarning.checked(
                  ledgerKeys.isResolvable() ? ledgerKeys.get() : LedgerKeys.none()),
              replicaEmf == null
                  ? null
                  : new ReplicaReads(
                      primary,
                      new ResourceLocalTransactions(
                          replicaEmf, ResourceLocalTransactions.DEFAULT_MAX_ATTEMPTS, events)));
    }
    return context;
  }
}
