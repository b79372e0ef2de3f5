package dev.credits4j.internal;

import dev.credits4j.api.LedgerKeys;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.spi.FeatureGate;
import java.time.Clock;
import java.util.Objects;

/**
 * What every service needs from its environment, whether wired by CDI or by the builder. {@code
 * replicaReads} are the transactions of the pure reads a read replica may serve (a {@link
 * ReplicaReads}); {@code null} (no replica) means {@code transactions}.
 */
public record CreditsContext(
    Transactions transactions,
    Clock clock,
    DrawDownPolicy drawDownPolicy,
    FeatureGate featureGate,
    SettingsCache settings,
    LedgerKeys ledgerKeys,
    Transactions replicaReads) {
  public CreditsContext {
    if (replicaReads == null) {
      replicaReads = transactions;
    }
    Objects.requireNonNull(ledgerKeys, "ledgerKeys (LedgerKeys.none() for none)");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(drawDownPolicy, "drawDownPolicy");
    Objects.requireNonNull(featureGate, "featureGate");
  }

  /** A context without a read replica: every read on {@code transactions}. */
  public CreditsContext(
      Transactions transactions,
      Clock clock,
      DrawDownPolicy drawDownPolicy,
      FeatureGate featureGate,
      SettingsCache settings,
      LedgerKeys ledgerKeys) {
    this(transactions, clock, drawDownPolicy, featureGate, settings, ledgerKeys, null);
  }

  /** Whether pure reads go to a read replica. */
  public boolean readsFromReplica() {
    return replicaReads != transactions;
  }

  /** Now, at the precision the database stores. */
  public java.time.Instant now() {
    return Micros.truncate(clock.instant());
  }
}
