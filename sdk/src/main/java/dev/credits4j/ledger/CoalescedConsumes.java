package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.References;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.IdempotencyKeys;
import dev.credits4j.workspace.WorkspaceSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Consumes of one wallet run together ({@link DebitCoalescing}): one transaction, one wallet lock,
 * one read of the open lots, and one entry per successful caller, appended in arrival order onto
 * the hash chain exactly as one call after another would.
 *
 * <p>Each debit is first judged without writing anything: its credits checked against the
 * workspace's scale, its idempotency key looked up (a key used earlier in the same batch answers
 * from that earlier debit: the same request replays its result, another request is a conflict), and
 * its credits checked against what the wallet has left after the debits before it. A debit refused
 * there ({@link CreditsException}: insufficient credits, a conflict, bad credits) gets its refusal
 * and no entry, and the next one is judged. Only then is it written.
 *
 * <p>Anything else that goes wrong, whether in writing a debit (an unexpected exception, which may
 * have left the transaction half-written) or in the batch's statements before the commit, rolls the
 * whole transaction back, and every debit of the batch then runs alone, in arrival order, each in a
 * transaction of its own: a failing debit fails only its caller. A failure of the commit itself
 * (the connection lost while committing) is every caller's answer, as it would be alone: whether
 * the commit happened is unknown, so nothing is run again. Serialization failures and deadlocks
 * retry the whole batch like any transaction.
 */
final class CoalescedConsumes {
  private static final System.Logger LOG = System.getLogger(CoalescedConsumes.class.getName());
  private static final String OPERATION = "consume";

  /** One caller's consume, checked as far as it can be without the wallet's workspace. */
  record Debit(
      WalletRef wallet,
      BigDecimal credits,
      String description,
      References references,
      Actor actor,
      String key) {}

  /** One caller's answer: its entry or its failure. */
  record Outcome(LedgerEntryView entry, RuntimeException failure) {
    static Outcome of(LedgerEntryView entry) {
      return new Outcome(entry, null);
    }

    static Outcome failed(RuntimeException failure) {
      return new Outcome(null, failure);
    }

    /** The entry, or the failure thrown. */
    LedgerEntryView get() {
      if (failure != null) {
        throw failure;
      }
      return entry;
    }
  }

  private final CreditsContext ctx;
  private final Function<Debit, LedgerEntryView> alone;
  private final AtomicLong fallbacks = new AtomicLong();
  private final AtomicReference<RuntimeException> lastFallback = new AtomicReference<>();

  /** Batches rolled back and run one by one so far (for tests and benchmarks). */
  long fallbacks() {
    return fallbacks.get();
  }

  /** What rolled the last such batch back (for tests). */
  RuntimeException lastFallback() {
    return lastFallback.get();
  }

  /**
   * @param alone one consume in a transaction of its own, the way it runs without coalescing
   */
  CoalescedConsumes(CreditsContext ctx, Function<Debit, LedgerEntryView> alone) {
    this.ctx = ctx;
    this.alone = alone;
  }

  /** Runs the debits of one wallet, in order; one outcome each, never throws. */
  List<Outcome> run(List<Debit> debits) {
    if (debits.size() == 1) {
      return List.of(runAlone(debits.get(0)));
    }
    boolean[] flushed = {false};
    boolean[] started = {false};
    try {
      return ctx.transactions()
          .inTransaction(
              em -> {
                flushed[0] = false;
                started[0] = false;
                WalletBook b = new WalletBook(em, ctx);
                b.selection.keepOpenLots();
                Wallet w = b.lock(debits.get(0).wallet());
                if (!ctx.transactions().joinsHost()) {
                  b.collectDebitWrites();
                }
                WorkspaceSnapshot ws = b.workspace(w);
                started[0] = true;
                List<Outcome> outcomes = together(b, w, ws, debits);
                b.finishDebitWrites(w);
                em.flush();
                flushed[0] = true;
                return outcomes;
              });
    } catch (CreditsException e) {
      if (!started[0]) {
        // The wallet itself refused (not found, module disabled): every debit's answer alike,
        // as each would have got it alone.
        List<Outcome> all = new ArrayList<>(debits.size());
        for (int i = 0; i < debits.size(); i++) {
          all.add(Outcome.failed(e));
        }
        return all;
      }
      return afterFailure(debits, e, flushed[0]);
    } catch (RuntimeException e) {
      return afterFailure(debits, e, flushed[0]);
    }
  }

  /**
   * After a batch's transaction failed: every debit's answer is the failure when the commit itself
   * failed ({@code flushed}), otherwise each debit runs alone.
   */
  List<Outcome> afterFailure(List<Debit> debits, RuntimeException e, boolean flushed) {
    List<Outcome> outcomes = new ArrayList<>(debits.size());
    if (flushed) {
      // Every statement was accepted and the commit failed: it may or may not have happened.
      for (int i = 0; i < debits.size(); i++) {
        outcomes.add(Outcome.failed(e));
      }
      return outcomes;
    }
    fallbacks.incrementAndGet();
    lastFallback.set(e);
    LOG.log(
        System.Logger.Level.DEBUG,
        "CREDITS-0013 a batch of {0} coalesced consumes rolled back ({1}); each runs alone",
        debits.size(),
        e.toString());
    for (Debit d : debits) {
      outcomes.add(runAlone(d));
    }
    return outcomes;
  }

  /** One debit in a transaction of its own; its entry or its failure. */
  Outcome runAlone(Debit d) {
    try {
      return Outcome.of(alone.apply(d));
    } catch (RuntimeException e) {
      return Outcome.failed(e);
    }
  }

  /** The batch inside its transaction, the wallet locked: each debit judged, then written. */
  private static List<Outcome> together(
      WalletBook b, Wallet w, WorkspaceSnapshot ws, List<Debit> debits) {
    Batch batch = new Batch(b, w, ws, debits);
    for (int i = 0; i < debits.size(); i++) {
      batch.next(i, debits.get(i));
    }
    return batch.outcomes;
  }

  /**
   * One batch's debits inside its transaction, in arrival order. Each gets exactly one outcome, so
   * debit {@code i}'s outcome is {@code outcomes.get(i)}; a debit whose credits pass the checks
   * also gets its fingerprint at the same index.
   */
  static final class Batch {
    private final WalletBook b;
    private final Wallet w;
    private final WorkspaceSnapshot ws;

    /** Each debit's outcome so far, by index. */
    final List<Outcome> outcomes;

    /** Keys written (or replayed) earlier in this batch: key -> index of that debit. */
    private final Map<String, Integer> keyed = new HashMap<>();

    /** Each debit's request fingerprint, by index; null without a key or with refused credits. */
    private final List<String> fingerprints;

    /** Every key's stored record, read in one query rather than one lookup per debit. */
    private final Map<String, IdempotencyRecord> stored;

    Batch(WalletBook b, Wallet w, WorkspaceSnapshot ws, List<Debit> debits) {
      this(b, w, ws, debits, b.idempotency.records(w, keys(debits)));
    }

    /** With every key's stored record read already ({@code stored}: key -> record). */
    Batch(
        WalletBook b,
        Wallet w,
        WorkspaceSnapshot ws,
        List<Debit> debits,
        Map<String, IdempotencyRecord> stored) {
      this.b = b;
      this.w = w;
      this.ws = ws;
      this.outcomes = new ArrayList<>(debits.size());
      this.fingerprints = new ArrayList<>(debits.size());
      this.stored = stored;
    }

    /** The debits' keys, each once. */
    static Set<String> keys(List<Debit> debits) {
      Set<String> keys = new HashSet<>();
      for (Debit d : debits) {
        if (d.key() != null) {
          keys.add(d.key());
        }
      }
      return keys;
    }

    /** Debit {@code i}: judged without writing anything, then written if it goes through. */
    void next(int i, Debit d) {
      // ---- judged: nothing is written before the debit is known to go through
      BigDecimal credits = validCredits(d);
      if (credits == null) {
        return;
      }
      String fp = fingerprint(d, credits);
      if (d.key() != null && answeredByKey(i, d, fp)) {
        return;
      }
      List<LotShare> parts = taken(credits);
      if (parts == null) {
        return;
      }
      // ---- written: any failure from here on rolls the whole batch back
      write(i, d, credits, fp, parts);
    }

    /**
     * The debit's credits, checked against the workspace's scale; null when refused, the refusal
     * then its outcome.
     */
    private BigDecimal validCredits(Debit d) {
      try {
        return CreditAmounts.requirePositive("credits", d.credits(), ws.getCreditScale());
      } catch (CreditsException e) {
        outcomes.add(Outcome.failed(e));
        fingerprints.add(null);
        return null;
      }
    }

    /** The request's fingerprint under its key (null without one), recorded as the debit's. */
    private String fingerprint(Debit d, BigDecimal credits) {
      String fp =
          d.key() == null
              ? null
              : Debits.fingerprint(
                  OPERATION, credits, null, d.description(), d.references(), d.actor());
      fingerprints.add(fp);
      return fp;
    }

    /**
     * Whether the debit's key answers it already, the answer then its outcome: a debit earlier in
     * this batch under the key (its outcome for the same request, a conflict for another), or a
     * stored record (its entry replayed, or the record's conflict).
     */
    private boolean answeredByKey(int i, Debit d, String fp) {
      Integer earlier = keyed.get(d.key());
      if (earlier != null) {
        outcomes.add(
            fp.equals(fingerprints.get(earlier))
                ? outcomes.get(earlier)
                : Outcome.failed(conflict(d.key())));
        return true;
      }
      try {
        Optional<IdempotencyRecord> first =
            b.idempotency.replay(stored.get(d.key()), d.key(), OPERATION, fp);
        if (first.isPresent()) {
          outcomes.add(Outcome.of(LedgerViews.entry(b, w, b.entry(w, first.get().getResultId()))));
          keyed.put(d.key(), i);
          return true;
        }
      } catch (CreditsException e) {
        outcomes.add(Outcome.failed(e));
        return true;
      }
      return false;
    }

    /**
     * The shares taken from the lots (and the overdraft) for {@code credits}; null when they do not
     * cover them, insufficient credits then the outcome. Takes from the lots only once they are
     * known to cover the debit.
     */
    private List<LotShare> taken(BigDecimal credits) {
      try {
        return b.selection.debit(w, ws, credits, Overdraft.ALLOWED);
      } catch (InsufficientCreditsException e) {
        outcomes.add(Outcome.failed(e));
        return null;
      }
    }

    /** Appends the debit's usage entry and records its key; the entry is its outcome. */
    private void write(int i, Debit d, BigDecimal credits, String fp, List<LotShare> parts) {
      EntryDraft draft =
          new EntryDraft(w.getId(), EntryType.USAGE, credits.negate(), b.now, d.actor());
      draft.description = d.description();
      draft.references = d.references();
      draft.idempotencyKey = d.key();
      WalletBook.Appended a = b.append(w, draft, parts);
      b.idempotency.remember(w, d.key(), OPERATION, fp, draft.id, null);
      outcomes.add(Outcome.of(LedgerViews.entry(b, w, a)));
      if (d.key() != null) {
        keyed.put(d.key(), i);
      }
    }
  }

  /** The same conflict {@link IdempotencyBook#replay} reports for a stored key. */
  private static CreditsException conflict(String key) {
    return IdempotencyKeys.conflict(key, WalletKeys.KEYS.where(), OPERATION);
  }
}
