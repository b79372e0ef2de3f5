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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consumes of a batch ({@link dev.credits4j.api.CreditLedger#consumeBatch}) that go to several
 * wallets, run in one transaction: every wallet locked first, in the order of its id (the order
 * every operation that locks more than one wallet uses, so two such transactions never wait for
 * each other in a cycle), then each debit judged and written in arrival order exactly as {@link
 * CoalescedConsumes} does for one wallet, each wallet with its own {@link WalletBook} (its clock
 * read under its own lock, its own open lots, its own debit statement).
 *
 * <p>The answers are the ones the debits would get one after another: a debit's refusal is its own;
 * a wallet whose workspace refuses (disabled, not on the plan) refuses its debits and no one
 * else's; a wallet that is not found sends its debits to run alone, which answers each as the
 * single call would. Anything else that fails before the commit rolls the transaction back and
 * every debit runs alone, in arrival order, in a transaction of its own; a failure of the commit
 * itself is every debit's answer (whether it happened is unknown). A batch of one wallet's debits
 * is {@link CoalescedConsumes#run}.
 */
final class ConsumesAcrossWallets {
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
    List<Group> found = identified(groups, outcomes);
    if (!found.isEmpty()) {
      together(found, debits.size(), outcomes);
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

  /** The groups' debits in one transaction, their outcomes put at their positions. */
  private void together(List<Group> groups, int size, Outcome[] outcomes) {
    List<Debit> all = new ArrayList<>();
    for (Group g : groups) {
      all.addAll(g.debits);
    }
    boolean[] flushed = {false};
    try {
      ctx.transactions()
          .inTransaction(
              em -> {
                flushed[0] = false;
                lockAll(em, groups);
                judgeAndWrite(groups, size);
                for (Group g : groups) {
                  if (g.refusal == null) {
                    g.book.finishDebitWrites(g.wallet);
                  }
                }
                em.flush();
                flushed[0] = true;
                return null;
              });
    } catch (RuntimeException e) {
      List<Outcome> after = oneWallet.afterFailure(all, e, flushed[0]);
      int k = 0;
      for (Group g : groups) {
        for (int position : g.positions) {
          outcomes[position] = after.get(k++);
        }
      }
      return;
    }
    for (Group g : groups) {
      for (int j = 0; j < g.positions.size(); j++) {
        outcomes[g.positions.get(j)] =
            g.refusal != null ? Outcome.failed(g.refusal) : g.batch.outcomes.get(j);
      }
    }
  }

  /**
   * Every group's wallet locked, in id order, in one statement before anything else is read; then
   * the open lots of every wallet and the stored records of every key in one query each; then each
   * wallet's workspace applied (a refusal there is that wallet's) and its batch set up.
   */
  private void lockAll(EntityManager em, List<Group> groups) {
    List<String> ids = new ArrayList<>(groups.size());
    Set<String> keys = new HashSet<>();
    for (Group g : groups) {
      ids.add(g.walletId);
      keys.addAll(Batch.keys(g.debits));
    }
    Map<String, Wallet> locked = WalletBook.lockAll(em, ids);
    Map<String, List<Lot>> lots = LotSelection.openLotsOf(em, ids);
    Map<String, Map<String, IdempotencyRecord>> stored = IdempotencyBook.records(em, ids, keys);
    for (Group g : groups) {
      g.wallet = locked.get(g.walletId);
      if (g.wallet == null) {
        throw new CreditsException(ErrorCode.WALLET_NOT_FOUND, "no wallet with id " + g.walletId);
      }
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
