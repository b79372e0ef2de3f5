package dev.credits4j.spi;

import dev.credits4j.api.LotView;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which lots a debit takes credits from, and in which order. The ledger offers the lots
 * that may be drawn now (effective, not expired, with free credits) and takes from the returned
 * list, first to last, until the debit is covered. A policy may leave lots out.
 *
 * <p>Hosts replace the {@linkplain #STANDARD standard order} with a CDI bean of this type, or
 * through {@code Credits4j.builder().drawDownPolicy(...)}.
 */
@FunctionalInterface
public interface DrawDownPolicy {

  List<LotView> order(List<LotView> drawable);

  /**
   * docs/ledger.md's order: priority ascending, then expiry ascending with no-expiry last, then
   * cost basis ascending (free before paid), then grant time, then id.
   */
  Comparator<LotView> STANDARD_ORDER =
      Comparator.comparingInt(LotView::priority)
          .thenComparing(
              LotView::expiresAt,
              Comparator.nullsLast(Comparator.<java.time.Instant>naturalOrder()))
          .thenComparing(lot -> lot.costBasis().getNumber().numberValue(java.math.BigDecimal.class))
          .thenComparing(LotView::grantedAt)
          .thenComparing(lot -> lot.id().value().toString());

  /** The standard policy: every drawable lot, in {@link #STANDARD_ORDER}. */
  DrawDownPolicy STANDARD = drawable -> drawable.stream().sorted(STANDARD_ORDER).toList();
}
