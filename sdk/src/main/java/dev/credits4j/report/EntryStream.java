package dev.credits4j.report;

import dev.credits4j.api.EntryType;
import dev.credits4j.internal.Micros;
import dev.credits4j.ledger.LedgerReads;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A workspace's entries (one row per allocation) of a span of time, in ledger order (occurred-at,
 * entry id, allocation id), read in slices of time sized so that each holds a few thousand rows:
 * each slice is one range of {@code ix_entry_occurred} joined to its allocations by entry, so the
 * cost is linear in the rows of the span and memory is bounded by a slice, whatever the history
 * before or after it.
 */
final class EntryStream {
  /** One allocation of one entry. */
  record Row(
      String entryId,
      long occurredAt,
      EntryType type,
      String walletId,
      String offeringId,
      String packageId,
      String allocationId,
      String lotId,
      BigDecimal amount) {}

  private static final int MOST = 5000;
  private static final int FEWEST = 500;
  private static final long FIRST_SLICE = 3_600_000_000L; // an hour
  private static final long LONGEST_SLICE = 31L * 86_400_000_000L;
  private static final long SHORTEST_SLICE = 1_000L;

  private EntryStream() {}

  /**
   * Feeds the rows of entries in [from, to) to {@code sink}, slice by slice in order; {@code to}
   * null: no end.
   */
  static void forEach(
      EntityManager em, String workspace, Instant from, Instant to, Consumer<List<Row>> sink) {
    long start = Micros.of(from);
    long end;
    if (to != null) {
      end = Micros.of(to);
    } else {
      Long last = LedgerReads.lastEntryAt(em, workspace).getResultStream().findFirst().orElse(null);
      if (last == null) {
        return;
      }
      end = last + 1;
    }
    long slice = FIRST_SLICE;
    long a = start;
    while (a < end) {
      long b = Math.min(end, a + slice);
      List<Object[]> rows = LedgerReads.allocationsBetween(em, workspace, a, b).getResultList();
      if (rows.size() > MOST && slice > SHORTEST_SLICE) {
        slice = Math.max(SHORTEST_SLICE, slice / 4);
        em.clear();
        continue; // the same start, a shorter slice
      }
      List<Row> found = new ArrayList<>(rows.size());
      for (Object[] r : rows) {
        found.add(
            new Row(
                (String) r[0],
                ((Number) r[1]).longValue(),
                (EntryType) r[2],
                (String) r[3],
                (String) r[4],
                (String) r[5],
                (String) r[6],
                (String) r[7],
                (BigDecimal) r[8]));
      }
      em.clear();
      if (!found.isEmpty()) {
        sink.accept(found);
      }
      a = b;
      if (rows.size() < FEWEST) {
        slice = Math.min(LONGEST_SLICE, slice * 2);
      }
    }
  }
}
