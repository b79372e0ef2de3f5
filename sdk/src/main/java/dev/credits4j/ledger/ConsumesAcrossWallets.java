package dev.credits4j.ledger;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.ledger.CoalescedConsumes.Batch;
import dev.credits4j.ledger.CoalescedConsumes.Debit;
import dev.credits4j.ledger.CoalescedConsumes.Outcome;
import dev.credits4j.workspace.WorkspaceSnapshot;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consumes of a batch ({@link dev.credits4j.api.CreditLedger#consumeBatch}) that go to several
 * wallets, run together: the wallets locked first, in one statement, in the order of their ids (the
 * order every operation that locks more than one wallet uses, so two such transactions never wait
 * for each other in a cycle), then the open lots of all of them and the stored records of all the
 * keys in one query each, then each debit judged and written in arrival order exactly as {@link
 * CoalescedConsumes} does for one wallet, each wallet with its own {@link WalletBook} (its clock
 * read under the locks, its own open lots), and on PostgreSQL every wallet's writes sent as one
 * statement ({@link NativeDebitWrites#executeAll}).
 *
 * <p>The first {@link #SKIPPING_ROUNDS} transactions lock only the wallets no other transaction
 * holds ({@code FOR UPDATE SKIP LOCKED}) and leave the others to the next round; the last round
 * waits for the rest. Batches over overlapping wallets (a usage feed spread over many
 * organizations, sent by several callers) then run side by side instead of each waiting, all its
 * locks held, for the next. A wallet's debits always run in one transaction, in arrival order; the
 * debits of different wallets are independent, so running them in different rounds answers each as
 * one call after another would.
 *
 * <p>The answers are the ones the debits would get one after another: a debit's refusal is its own;
 * a wallet whose workspace refuses (disabled, not on the plan) refuses its debits and no one
 * else's; a wallet that is not found sends its debits to run alone, which answers each as the
 * single call would. Anything else that fails before the commit rolls the transaction back and
 * every debit of it runs alone, in arrival order, in a transaction of its own; a failure of the
 * commit itself is every debit's answer (whether it happened is unknown). A batch of one wallet's
 * debits is {@link CoalescedConsumes#run}.
 */
final class ConsumesAcrossWallets {
  /**
   * Rounds that lock only the wallets no one else holds before the last round waits for the rest:
   * batches over overlapping wallets then run side by side instead of queueing behind each other.
   */
  static final int SKIPPING_ROUNDS = 2;

  private final CreditsContext ctx;
  private final CoalescedConsumes oneWallet;

  ConsumesAcrossWallets(CreditsContext ctx, CoalescedConsumes oneWallet) {
    this.ctx = ctx;
    this.oneWallet = oneWallet;
  }

  /** One wallet's debits of the batch and, inside the transaction, its book and lock. */
  private static final class Group {
    final WalletRef ref;
    final List<Integer> positions = new ArrayList<>();
    final List<Debit> debits = new ArrayList<>();
    String walletId;
    WalletBook book;
    Wallet wallet;
    Batch batch;
    RuntimeException refusal;

    Group(WalletRef ref) {
      this.ref = ref;
    }
  }

  /** Runs the debits, in order; one outcome each, never throws. */
  List<Outcome> run(List<Debit> debits) {
    Map<WalletRef, Group> groups = new LinkedHashMap<>();
    for (int i = 0; i < debits.size(); i++) {
      Debit d = debits.get(i);
      Group g = groups.computeIfAbsent(d.wallet(), Group::new);
      g.positions.add(i);
      g.debits.add(d);
    }
    if (groups.size() == 1) {
      return oneWallet.run(debits);
    }
    Outcome[] outcomes = new Outcome[debits.size()];
    List<Group> pending = identified(groups, outcomes);
    for (int round = 0; !pending.isEmpty(); round++) {
      pending =
          together(
              pending,
              debits.size(),
              outcomes,
              round < SKIPPING_ROUNDS ? Locking.SKIP : Locking.WAIT);
    }
    return List.of(outcomes);
  }

  /**
   * The groups whose wallet exists, with its id, in id order; the debits of the others run alone
   * (answered as not found, or run if the wallet appeared since). Looked up in a read of its own,
   * so that in the batch's transaction the locks are the first reads of wallet data.
   */
  private List<Group> identified(Map<WalletRef, Group> groups, Outcome[] outcomes) {
    Map<WalletRef, String> ids =
        ctx.transactions().read(em -> WalletBook.idsOf(em, groups.keySet()));
    List<Group> found = new ArrayList<>(groups.size());
    for (Group g : groups.values()) {
      g.walletId = ids.get(g.ref);
      if (g.walletId != null) {
        found.add(g);
        continue;
      }
      for (int j = 0; j < g.debits.size(); j++) {
        outcomes[g.positions.get(j)] = oneWallet.runAlone(g.debits.get(j));
      }
    }
    found.sort(Comparator.comparing(g -> g.walletId));
    return found;
  }

  /** Whether a transaction's lock statement skips the wallets others hold or waits for them. */
  private enum Locking {
    SKIP,
    WAIT
  }

  /**
   * The debits of the groups whose wallets the transaction locks (all of them when it waits), in
   * one transaction, their outcomes put at their positions; the groups left for a later round.
   */
  private List<Group> together(List<Group> groups, int size, Outcome[] outcomes, Locking locking) {
    List<Group> locked = new ArrayList<>(groups.size());
    List<Group> skipped = new ArrayList<>();
    boolean[] flushed = {false};
    try {
      ctx.transactions()
          .inTransaction(
              em -> {
                flushed[0] = false;
                locked.clear();
                skipped.clear();
                lockAll(em, groups, locking, locked, skipped);
                judgeAndWrite(locked, size);
                finishWrites(em, locked);
                em.flush();
                flushed[0] = true;
                return null;
              });
    } catch (RuntimeException e) {
      // Every group of this transaction, locked or not yet, runs alone.
      List<Debit> all = new ArrayList<>();
      for (Group g : groups) {
        all.addAll(g.debits);
      }
      List<Outcome> after = oneWallet.afterFailure(all, e, flushed[0]);
      int k = 0;
      for (Group g : groups) {
        for (int position : g.positions) {
          outcomes[position] = after.get(k++);
        }
      }
      return List.of();
    }
    for (Group g : locked) {
      for (int j = 0; j < g.positions.size(); j++) {
        outcomes[g.positions.get(j)] =
            g.refusal != null ? Outcome.failed(g.refusal) : g.batch.outcomes.get(j);
      }
    }
    return skipped;
  }

  /**
   * The groups' wallets locked in one statement, in id order, before anything else is read: those
   * no one else holds ({@code SKIP}; the others go to {@code skipped}) or every one ({@code WAIT}).
   * Then the open lots of every locked wallet and the stored records of every key in one query
   * each; then each wallet's workspace applied (a refusal there is that wallet's) and its batch set
   * up.
   */
  private void lockAll(
      EntityManager em,
      List<Group> groups,
      Locking locking,
      List<Group> locked,
      List<Group> skipped) {
    List<String> ids = new ArrayList<>(groups.size());
    for (Group g : groups) {
      ids.add(g.walletId);
    }
    Map<String, Wallet> wallets =
        locking == Locking.SKIP ? WalletBook.lockAvailable(em, ids) : WalletBook.lockAll(em, ids);
    List<String> lockedIds = new ArrayList<>(wallets.size());
    Map<String, Set<String>> keys = new HashMap<>();
    for (Group g : groups) {
      g.wallet = wallets.get(g.walletId);
      if (g.wallet != null) {
        locked.add(g);
        lockedIds.add(g.walletId);
        keys.put(g.walletId, Batch.keys(g.debits));
      } else if (locking == Locking.SKIP) {
        skipped.add(g);
      } else {
        throw new CreditsException(ErrorCode.WALLET_NOT_FOUND, "no wallet with id " + g.walletId);
      }
    }
    if (locked.isEmpty()) {
      return;
    }
    Map<String, List<Lot>> lots = LotSelection.openLotsOf(em, lockedIds);
    Map<String, Map<String, IdempotencyRecord>> stored =
        IdempotencyBook.records(
            em, keys, !ctx.transactions().joinsHost() && NativeDebitWrites.supported(em));
    for (Group g : locked) {
      g.book = new WalletBook(em, ctx);
      g.book.selection.keepOpenLots(g.wallet, lots.get(g.walletId));
      if (!ctx.transactions().joinsHost()) {
        g.book.collectDebitWrites();
      }
      g.refusal = null;
      g.batch = null;
      try {
        WorkspaceSnapshot ws = g.book.workspace(g.wallet);
        g.batch =
            new Batch(
                g.book, g.wallet, ws, g.debits, stored.getOrDefault(g.walletId, new HashMap<>()));
      } catch (CreditsException e) {
        g.refusal = e;
      }
    }
  }

  /**
   * The debit writes the books collected (PostgreSQL with EclipseLink) sent as one statement for
   * all the wallets; elsewhere they are already persisted and go at the flush.
   */
  private static void finishWrites(EntityManager em, List<Group> groups) {
    List<NativeDebitWrites> writes = new ArrayList<>(groups.size());
    List<Wallet> wallets = new ArrayList<>(groups.size());
    for (Group g : groups) {
      NativeDebitWrites w = g.book.handOverDebitWrites();
      if (w != null) {
        writes.add(w);
        wallets.add(g.wallet);
      }
    }
    NativeDebitWrites.executeAll(em, writes, wallets);
  }

  /** Each debit, in arrival order, judged and written by its wallet's batch. */
  private static void judgeAndWrite(List<Group> groups, int size) {
    Group[] groupAt = new Group[size];
    int[] indexIn = new int[size];
    for (Group g : groups) {
      for (int j = 0; j < g.positions.size(); j++) {
        groupAt[g.positions.get(j)] = g;
        indexIn[g.positions.get(j)] = j;
      }
    }
    for (int i = 0; i < size; i++) {
      Group g = groupAt[i];
      if (g != null && g.batch != null) {
        g.batch.next(indexIn[i], g.debits.get(indexIn[i]));
      }
    }
  }
}
