package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A wallet's history: newest first, filtered by type and time, paged by a keyset cursor. */
class HistoryTest extends LedgerTestBase {
  private WalletRef acme;

  /** When entry n (1-based) occurred: minute n-1 after the start. */
  private final List<Instant> at = new ArrayList<>();

  private final List<LedgerEntryView> written = new ArrayList<>();

  @BeforeEach
  void sevenEntries() {
    acme = wallet("acme");
    record(grant(acme, 100)); // 1 PURCHASE
    record(consume(acme, 10)); // 2 USAGE
    record(addManually(acme, 5)); // 3 MANUAL_ADDITION
    record(consume(acme, 20)); // 4 USAGE
    record(
        ledger.deductManually(
            new AdjustmentRequest(acme, n(3), ReasonCode.PENALTY, "late", null, TEAM, null))); // 5
    LedgerEntryView usage = consume(acme, 1); // 6 USAGE
    record(usage);
    record(
        ledger.reverse(
            new ReversalRequest(acme, usage.id(), null, null, null, TEAM, null))); // 7 REVERSAL
  }

  private void record(LedgerEntryView e) {
    assertThat(e.sequence()).isEqualTo(written.size() + 1);
    assertThat(e.occurredAt()).isEqualTo(clock.instant());
    written.add(e);
    at.add(clock.instant());
    clock.advance(Duration.ofMinutes(1));
  }

  private static List<Long> sequences(HistoryPage page) {
    return page.entries().stream().map(LedgerEntryView::sequence).toList();
  }

  private HistoryQuery query(Set<EntryType> types, Instant from, Instant to, int limit) {
    return new HistoryQuery(acme, types, from, to, null, limit);
  }

  @Test
  void newestFirstWithTheEntriesAsWritten() {
    HistoryPage page = ledger.history(HistoryQuery.firstPage(acme, 50));
    assertThat(sequences(page)).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
    assertThat(page.nextCursor()).isNull();
    assertThat(page.hasMore()).isFalse();
    for (LedgerEntryView e : page.entries()) {
      assertThat(e).isEqualTo(written.get((int) e.sequence() - 1));
    }
  }

  @Test
  void filterByEntryTypes() {
    assertThat(sequences(ledger.history(query(Set.of(EntryType.USAGE), null, null, 50))))
        .containsExactly(6L, 4L, 2L);
    assertThat(
            sequences(
                ledger.history(query(Set.of(EntryType.USAGE, EntryType.REVERSAL), null, null, 50))))
        .containsExactly(7L, 6L, 4L, 2L);
    assertThat(ledger.history(query(Set.of(EntryType.EXPIRATION), null, null, 50)).entries())
        .isEmpty();
  }

  @Test
  void filterByTimeFromInclusiveToExclusive() {
    assertThat(sequences(ledger.history(query(Set.of(), at.get(2), at.get(5), 50))))
        .containsExactly(5L, 4L, 3L);
    assertThat(sequences(ledger.history(query(Set.of(), at.get(5), null, 50))))
        .containsExactly(7L, 6L);
    assertThat(sequences(ledger.history(query(Set.of(), null, at.get(1), 50)))).containsExactly(1L);
    assertThat(sequences(ledger.history(query(Set.of(), at.get(2).plusNanos(1000), at.get(3), 50))))
        .isEmpty();
  }

  @Test
  void filterByTypeAndTimeTogether() {
    assertThat(sequences(ledger.history(query(Set.of(EntryType.USAGE), at.get(2), at.get(6), 50))))
        .containsExactly(6L, 4L);
  }

  @Test
  void pagesCoverEveryEntryExactlyOnce() {
    HistoryPage first = ledger.history(HistoryQuery.firstPage(acme, 3));
    assertThat(sequences(first)).containsExactly(7L, 6L, 5L);
    assertThat(first.hasMore()).isTrue();
    HistoryPage second = ledger.history(HistoryQuery.firstPage(acme, 3).next(first.nextCursor()));
    assertThat(sequences(second)).containsExactly(4L, 3L, 2L);
    assertThat(second.hasMore()).isTrue();
    HistoryPage third = ledger.history(HistoryQuery.firstPage(acme, 3).next(second.nextCursor()));
    assertThat(sequences(third)).containsExactly(1L);
    assertThat(third.nextCursor()).isNull();
  }

  @Test
  void everyPageSizeWalksTheWholeHistoryOnce() {
    for (int limit = 1; limit <= 8; limit++) {
      List<EntryId> seen = new ArrayList<>();
      HistoryQuery q = HistoryQuery.firstPage(acme, limit);
      int pages = 0;
      while (true) {
        HistoryPage page = ledger.history(q);
        pages++;
        assertThat(page.entries().size()).isLessThanOrEqualTo(limit);
        page.entries().forEach(e -> seen.add(e.id()));
        if (!page.hasMore()) {
          break;
        }
        q = q.next(page.nextCursor());
      }
      assertThat(seen).as("limit %d", limit).hasSize(7);
      assertThat(new HashSet<>(seen)).hasSize(7);
      List<EntryId> newestFirst =
          new ArrayList<>(written.stream().map(LedgerEntryView::id).toList());
      Collections.reverse(newestFirst);
      assertThat(seen).isEqualTo(newestFirst);
      assertThat(pages).as("limit %d", limit).isEqualTo((7 + limit - 1) / limit);
    }
  }

  @Test
  void pagesOfAFilteredHistory() {
    HistoryQuery q = query(Set.of(EntryType.USAGE), null, null, 2);
    HistoryPage first = ledger.history(q);
    assertThat(sequences(first)).containsExactly(6L, 4L);
    HistoryPage second = ledger.history(q.next(first.nextCursor()));
    assertThat(sequences(second)).containsExactly(2L);
    assertThat(second.hasMore()).isFalse();
  }

  @Test
  void newEntriesDoNotShiftLaterPages() {
    HistoryPage first = ledger.history(HistoryQuery.firstPage(acme, 3));
    consume(acme, 1);
    consume(acme, 1);
    HistoryPage second = ledger.history(HistoryQuery.firstPage(acme, 3).next(first.nextCursor()));
    assertThat(sequences(second)).containsExactly(4L, 3L, 2L);
    assertThat(sequences(ledger.history(HistoryQuery.firstPage(acme, 2)))).containsExactly(9L, 8L);
  }

  @Test
  void anEmptyWalletHasAnEmptyHistory() {
    HistoryPage page = ledger.history(HistoryQuery.firstPage(wallet("globex"), 10));
    assertThat(page.entries()).isEmpty();
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void historyIsPerWallet() {
    WalletRef globex = wallet("globex");
    grant(globex, 1);
    assertThat(ledger.history(HistoryQuery.firstPage(globex, 10)).entries())
        .singleElement()
        .satisfies(e -> assertThat(e.wallet()).isEqualTo(globex));
  }

  @Test
  void invalidCursorsAreRefused() {
    String notSeq =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("page:3".getBytes(StandardCharsets.UTF_8));
    for (String cursor : new String[] {"", "not a cursor!", "%%%", notSeq}) {
      var e =
          failure(
              ErrorCode.INVALID_REQUEST,
              () -> ledger.history(HistoryQuery.firstPage(acme, 3).next(cursor)));
      assertThat(fields(e)).as("cursor %s", cursor).containsExactly("cursor");
    }
  }

  @Test
  void limitMustBeOneTo500() {
    for (int limit : new int[] {0, -1, 501}) {
      var e =
          failure(
              ErrorCode.INVALID_REQUEST, () -> ledger.history(HistoryQuery.firstPage(acme, limit)));
      assertThat(fields(e)).containsExactly("limit");
    }
    assertThat(ledger.history(HistoryQuery.firstPage(acme, 500)).entries()).hasSize(7);
    assertThat(ledger.history(HistoryQuery.firstPage(acme, 1)).entries()).hasSize(1);
  }

  @Test
  void toMustBeAfterFrom() {
    var same =
        failure(
            ErrorCode.INVALID_REQUEST,
            () -> ledger.history(query(Set.of(), at.get(2), at.get(2), 10)));
    assertThat(fields(same)).containsExactly("to");
    var reversed =
        failure(
            ErrorCode.INVALID_REQUEST,
            () -> ledger.history(query(Set.of(), at.get(3), at.get(2), 10)));
    assertThat(fields(reversed)).containsExactly("to");
  }

  @Test
  void unknownWalletsAndMissingQueriesAreRefused() {
    failure(
        ErrorCode.WALLET_NOT_FOUND,
        () -> ledger.history(HistoryQuery.firstPage(WalletRef.of(ws, "nobody"), 10)));
    failure(
        ErrorCode.WORKSPACE_NOT_FOUND,
        () -> ledger.history(HistoryQuery.firstPage(WalletRef.of("no-such-ws", "acme"), 10)));
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> ledger.history(null))))
        .containsExactly("query");
  }

  @Test
  void getEntryOfAnotherWalletOrUnknownIsNotFound() {
    WalletRef globex = wallet("globex");
    failure(ErrorCode.ENTRY_NOT_FOUND, () -> ledger.getEntry(globex, written.get(0).id()));
    failure(ErrorCode.ENTRY_NOT_FOUND, () -> ledger.getEntry(acme, new EntryId(UUID.randomUUID())));
    assertThat(ledger.getEntry(acme, written.get(3).id())).isEqualTo(written.get(3));
  }
}
