package dev.credits4j.internal;

import dev.credits4j.api.LedgerKeys;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.spi.FeatureGate;
import java.time.Clock;
import java.util.Objects;

/** What every service needs from its environment, whether wired by CDI or by the builder. */
public record CreditsContext(
    Transactions transactions,
    Clock clock,
    DrawDownPolicy drawDownPolicy,
    FeatureGate featureGate,
    SettingsCache settings,
    LedgerKeys ledgerKeys) {
  public CreditsContext {
    Objects.requireNonNull(ledgerKeys, "ledgerKeys (LedgerKeys.none() for none)");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(drawDownPolicy, "drawDownPolicy");
    Objects.requireNonNull(featureGate, "featureGate");
  }

  /** Now, at the precision the database stores. */
  public java.time.Instant now() {
    return Micros.truncate(clock.instant());
  }
}
