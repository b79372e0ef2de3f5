package dev.credits4j.ledger;

import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.Micros;
import jakarta.persistence.TypedQuery;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pages of a wallet's history ({@code CreditLedger.history}): entries newest first, keyset-paged by
 * sequence number behind an opaque cursor.
 */
final class HistoryPages {
  private HistoryPages() {}

  /** The page of {@code q} for wallet {@code w}, before sequence {@code before} (null: newest). */
  static HistoryPage page(WalletBook b, Wallet w, HistoryQuery q, Long before) {
    StringBuilder jpql = new StringBuilder("select e from LedgerEntry e where e.walletId = :w");
    if (!q.types().isEmpty()) {
      jpql.append(" and e.type in :types");
    }
    if (q.from() != null) {
      jpql.append(" and e.occurredAt >= :from");
    }
    if (q.to() != null) {
      jpql.append(" and e.occurredAt < :to");
    }
    if (before != null) {
      jpql.append(" and e.sequence < :before");
    }
    jpql.append(" order by e.sequence desc");
    TypedQuery<LedgerEntry> query =
        b.em().createQuery(jpql.toString(), LedgerEntry.class).setParameter("w", w.getId());
    if (!q.types().isEmpty()) {
      query.setParameter("types", q.types());
    }
    if (q.from() != null) {
      query.setParameter("from", Micros.of(q.from()));
    }
    if (q.to() != null) {
      query.setParameter("to", Micros.of(q.to()));
    }
    if (before != null) {
      query.setParameter("before", before);
    }
    List<LedgerEntry> rows = query.setMaxResults(q.limit() + 1).getResultList();
    boolean more = rows.size() > q.limit();
    List<LedgerEntry> page = more ? rows.subList(0, q.limit()) : rows;
    List<LedgerEntryView> views = LedgerViews.entries(b, w, page);
    String next = more ? encodeCursor(page.get(page.size() - 1).getSequence()) : null;
    return new HistoryPage(views, next);
  }

  static String encodeCursor(long sequence) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("seq:" + sequence).getBytes(StandardCharsets.UTF_8));
  }

  static long decodeCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith("seq:")) {
        long seq = Long.parseLong(text.substring(4));
        if (seq > 0) {
          return seq;
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw Checks.invalid("cursor", "is not a cursor returned by history()");
  }
}
