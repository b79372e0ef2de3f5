package dev.credits4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import java.util.Collection;

/** Checks every invariant the SDK can report on, for each given wallet. */
public final class LedgerAssertions {
  private LedgerAssertions() {}

  public static void assertHealthy(CreditLedger ledger, Collection<WalletRef> wallets) {
    for (WalletRef wallet : wallets) {
      ReconciliationReport r = ledger.reconcile(wallet);
      assertThat(r.discrepancies()).as("reconcile(%s)", wallet).isEmpty();
      VerificationReport v = ledger.verify(wallet);
      assertThat(v.valid())
          .as("verify(%s): %s at %s", wallet, v.problem(), v.firstBadSequence())
          .isTrue();
      assertThat(v.entriesChecked()).isEqualTo(r.entries());
      var balance = ledger.balance(wallet);
      assertThat(balance.available())
          .as("available >= -overdraft limit for %s", wallet)
          .isGreaterThanOrEqualTo(balance.overdraftLimit().negate());
    }
  }
}
