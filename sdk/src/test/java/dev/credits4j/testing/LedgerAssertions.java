package dev.credits4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

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

  /** Every entry of one type in a wallet's history, all pages. */
  public static List<LedgerEntryView> entries(CreditLedger ledger, WalletRef w, EntryType type) {
    List<LedgerEntryView> all = new ArrayList<>();
    HistoryQuery q = new HistoryQuery(w, Set.of(type), null, null, null, 500);
    while (true) {
      HistoryPage page = ledger.history(q);
      all.addAll(page.entries());
      if (!page.hasMore()) {
        return all;
      }
      q = q.next(page.nextCursor());
    }
  }
}
