package dev.credits4j.ledger;

import java.time.Duration;
import java.util.Objects;

/**
 * Coalesced debits of a hot wallet (docs/ledger.md, "Coalesced debits"): concurrent {@code consume}
 * calls of one wallet, made in this process, run together in one transaction under one wallet lock,
 * each caller still getting its own entry, its own result or its own refusal, in arrival order.
 *
 * <p>The first caller of a wallet to find no batch running leads: it waits up to {@code window} for
 * more callers of the same wallet (less once {@code maxBatch} are waiting), then runs the waiting
 * debits, up to {@code maxBatch} of them, in one transaction. Callers arriving while a batch runs
 * wait for it and form the next batch, so under load batches form even with a window of zero. A
 * caller in a host's transaction (JTA, Spring, the reference WAR's request transaction) is never
 * coalesced: its debit belongs to the host's transaction.
 *
 * @param enabled whether debits are coalesced at all
 * @param window how long a leading caller waits for others before running its batch; zero runs at
 *     once with whoever is already waiting (at most one second)
 * @param maxBatch the most debits in one transaction (1 to 1,000)
 */
public record DebitCoalescing(boolean enabled, Duration window, int maxBatch) {
  /** The largest batch accepted: one transaction's worth of entries a database takes in stride. */
  public static final int MAX_BATCH = 1000;

  /** The longest window accepted. */
  public static final Duration MAX_WINDOW = Duration.ofSeconds(1);

  /** No coalescing: every debit runs its own transaction. */
  public static final DebitCoalescing OFF =
      new DebitCoalescing(/* enabled= */ false, Duration.ZERO, 1);

  /** The default: see docs/performance.md for the measurements it rests on. */
  public static final DebitCoalescing DEFAULTS = of(Duration.ZERO, 128);

  public DebitCoalescing {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "window must be between 0 and " + MAX_WINDOW + ", was " + window);
    }
    if (maxBatch < 1 || maxBatch > MAX_BATCH) {
      throw new IllegalArgumentException(
          "maxBatch must be between 1 and " + MAX_BATCH + ", was " + maxBatch);
    }
  }

  /** Coalescing on, with this window and batch size. */
  public static DebitCoalescing of(Duration window, int maxBatch) {
    return new DebitCoalescing(/* enabled= */ true, window, maxBatch);
  }
}
