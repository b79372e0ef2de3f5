package dev.credits4j.allotment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentGrantView;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;

/** What the allotment tests share: the services, and allotments of whole credits. */
abstract class AllotmentTestBase extends LedgerTestBase {
  protected Allotments allotments;
  protected ExpirySweep sweep;

  @BeforeEach
  void openAllotments() {
    allotments = credits.allotments();
    sweep = credits.expiry();
  }

  protected AllotmentView allot(
      WalletRef w, long credits, AllotmentPeriod period, String start, UnusedCreditsRule rule) {
    return allotments.create(
        AllotmentRequest.builder(w, n(credits), period, LocalDate.parse(start), TEAM)
            .unusedCredits(rule)
            .build());
  }

  protected AllotmentView monthly(WalletRef w, long credits, String start, UnusedCreditsRule rule) {
    return allot(w, credits, AllotmentPeriod.MONTHLY, start, rule);
  }

  /** Moves the clock to an ISO instant. */
  protected void at(String instant) {
    clock.set(Instant.parse(instant));
  }

  /** The wallet's ALLOTMENT entries, oldest first. */
  protected List<LedgerEntryView> allotmentEntries(WalletRef w) {
    return entriesOf(w, EntryType.ALLOTMENT);
  }

  protected List<LedgerEntryView> entriesOf(WalletRef w, EntryType type) {
    List<LedgerEntryView> entries =
        new ArrayList<>(
            ledger.history(new HistoryQuery(w, Set.of(type), null, null, null, 500)).entries());
    Collections.reverse(entries);
    return entries;
  }

  /** The first days of the periods an allotment granted, in order. */
  protected List<LocalDate> grantedPeriods(AllotmentView a) {
    return allotments.grants(a.id()).stream().map(AllotmentGrantView::periodStart).toList();
  }

  protected AllotmentGrantView grant(AllotmentView a, int index) {
    List<AllotmentGrantView> grants = allotments.grants(a.id());
    assertThat(grants.size()).as("periods granted").isGreaterThan(index);
    return grants.get(index);
  }

  protected static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }
}
