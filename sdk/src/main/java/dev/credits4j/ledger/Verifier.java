package dev.credits4j.ledger;

import dev.credits4j.api.AllocationView;
import dev.credits4j.api.LedgerKeys;
import dev.credits4j.api.TamperFinding;
import dev.credits4j.api.TamperFinding.Kind;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Seals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies one locked wallet (docs/ledger.md, "Tamper evidence"): re-hashes its entry chain with
 * the key each entry names, checks the sealed wallet head, lots and purchases, and optionally a
 * checkpoint's head. Reports every finding by kind, up to {@link #MAX_FINDINGS}.
 */
final class Verifier {
  static final int MAX_FINDINGS = 100;
  private static final int PAGE = 1000;

  private final WalletBook b;
  private final Wallet w;
  private final WalletRef ref;
  private final LedgerKeys keys;
  private final List<TamperFinding> findings = new ArrayList<>();

  Verifier(WalletBook b, Wallet w, WalletRef ref, LedgerKeys keys) {
    this.b = b;
    this.w = w;
    this.ref = ref;
    this.keys = keys;
  }

  /** Where the walk along the chain stands: what it has seen so far. */
  private static final class Walk {
    String previous;
    BigDecimal balance = CreditAmounts.ZERO;
    long expected = 1;
    long checked;
    long lastSeen;
    String lastHash;
    String hashAtCheckpoint;
  }

  /**
   * Verifies the wallet; with a checkpoint head ({@code checkpointSeq} non-null), also that the
   * chain still holds the checkpoint's entry {@code checkpointSeq} with hash {@code
   * checkpointHash}.
   */
  VerificationReport verify(Long checkpointSeq, String checkpointHash) {
    Long keyedFrom = w.getKeyedFromSeq();
    Walk walk = walkChain(keyedFrom, checkpointSeq);
    checkHead(walk.lastSeen, walk.lastHash, walk.balance);
    if (checkpointSeq != null && checkpointSeq > 0) {
      checkCheckpoint(walk, checkpointSeq, checkpointHash);
    }
    checkLots(keyedFrom);
    checkPurchases(keyedFrom);
    return report(walk.checked);
  }

  /** Walks the entries in sequence order, a page at a time, checking each against the chain. */
  private Walk walkChain(Long keyedFrom, Long checkpointSeq) {
    Walk walk = new Walk();
    while (true) {
      List<LedgerEntry> page =
          b.em()
              .createQuery(
                  "select e from LedgerEntry e where e.walletId = :w and e.sequence >= :from"
                      + " order by e.sequence",
                  LedgerEntry.class)
              .setParameter("w", w.getId())
              .setParameter("from", walk.expected)
              .setMaxResults(PAGE)
              .getResultList();
      Map<String, List<AllocationView>> allocations =
          b.allocations(page.stream().map(LedgerEntry::getId).toList());
      for (LedgerEntry e : page) {
        checkEntry(walk, e, allocations.getOrDefault(e.getId(), List.of()), keyedFrom);
        if (checkpointSeq != null && e.getSequence() == checkpointSeq) {
          walk.hashAtCheckpoint = e.getHash();
        }
      }
      if (page.size() < PAGE) {
        return walk;
      }
    }
  }

  /** One entry of the walk: its place in the sequence, its balance after, its hash. */
  private void checkEntry(
      Walk walk, LedgerEntry e, List<AllocationView> allocations, Long keyedFrom) {
    long seq = e.getSequence();
    long expected = walk.expected;
    BigDecimal balance = walk.balance;
    boolean chainKnown = true;
    if (seq != expected) {
      find(
          Kind.ENTRY_DELETED,
          expected,
          null,
          seq - expected == 1
              ? "entry " + expected + " is missing"
              : "entries " + expected + " to " + (seq - 1) + " are missing");
      // The missing entries' hash and balance are unknown: resume the chain at this entry.
      chainKnown = false;
      balance = CreditAmounts.normalize(e.getBalanceAfter().subtract(e.getAmount()));
    }
    BigDecimal after = CreditAmounts.normalize(balance.add(e.getAmount()));
    if (after.compareTo(e.getBalanceAfter()) != 0) {
      find(
          Kind.BALANCE_MISMATCH,
          seq,
          e.getId(),
          "entry "
              + seq
              + "'s balance after is "
              + e.getBalanceAfter()
              + " but the chain gives "
              + after);
      after = e.getBalanceAfter();
    }
    if (chainKnown) {
      checkHash(e, walk.previous, allocations, keyedFrom);
    }
    walk.previous = e.getHash();
    walk.balance = after;
    walk.lastSeen = seq;
    walk.lastHash = e.getHash();
    walk.expected = seq + 1;
    walk.checked++;
  }

  /** That the chain still holds the checkpoint's entry with the checkpoint's hash. */
  private void checkCheckpoint(Walk walk, long checkpointSeq, String checkpointHash) {
    if (walk.lastSeen < checkpointSeq) {
      find(
          Kind.CHAIN_TRUNCATED,
          walk.lastSeen + 1,
          null,
          "the checkpoint vouches for "
              + checkpointSeq
              + " entries but the chain ends at "
              + walk.lastSeen);
    } else if (walk.hashAtCheckpoint == null) {
      find(
          Kind.ENTRY_DELETED,
          checkpointSeq,
          null,
          "entry " + checkpointSeq + " of the checkpoint is missing");
    } else if (!walk.hashAtCheckpoint.equals(checkpointHash)) {
      find(
          Kind.RECHAINED,
          checkpointSeq,
          null,
          "entry "
              + checkpointSeq
              + "'s hash differs from the checkpoint's: the chain was rewritten since");
    }
  }

  private VerificationReport report(long checked) {
    // The first finding is the one with the lowest sequence; findings without one come after.
    TamperFinding first =
        findings.stream()
            .filter(f -> f.sequence() != null)
            .min(Comparator.comparing(TamperFinding::sequence))
            .orElse(findings.isEmpty() ? null : findings.get(0));
    return new VerificationReport(
        ref,
        findings.isEmpty(),
        checked,
        first == null ? null : first.sequence(),
        first == null ? null : first.detail(),
        keys.configured(),
        findings);
  }

  private void checkHash(
      LedgerEntry e, String previous, List<AllocationView> allocations, Long keyedFrom) {
    List<EntryHasher.HashedAllocation> parts =
        allocations.stream()
            .map(
                a ->
                    new EntryHasher.HashedAllocation(
                        a.lot() == null ? null : a.lot().toString(), a.amount()))
            .toList();
    long seq = e.getSequence();
    String keyId = e.getKeyId();
    String unkeyed = EntryHasher.hash(keys, null, previous, e, parts);
    if (keyId == null) {
      if (keyedFrom != null && seq >= keyedFrom) {
        find(
            Kind.RECHAINED,
            seq,
            e.getId(),
            "entry "
                + seq
                + " is unkeyed but the wallet is keyed from entry "
                + keyedFrom
                + ": its hash was recomputed without the key");
      } else if (!unkeyed.equals(e.getHash())) {
        find(Kind.ENTRY_EDITED, seq, e.getId(), editedSentence(seq));
      }
      return;
    }
    if (!keys.knows(keyId)) {
      find(
          Kind.UNKNOWN_KEY_ID,
          seq,
          e.getId(),
          "entry " + seq + " is keyed with key id '" + keyId + "', which is not configured");
      return;
    }
    if (keyedFrom == null || seq < keyedFrom) {
      find(
          Kind.WALLET_HEAD_EDITED,
          seq,
          e.getId(),
          "entry " + seq + " is keyed but the wallet head says keying started at " + keyedFrom);
    }
    String keyed = EntryHasher.hash(keys, keyId, previous, e, parts);
    if (!keyed.equals(e.getHash())) {
      if (unkeyed.equals(e.getHash())) {
        find(
            Kind.RECHAINED,
            seq,
            e.getId(),
            "entry " + seq + "'s hash was recomputed without the key (an unkeyed SHA-256)");
      } else {
        find(Kind.ENTRY_EDITED, seq, e.getId(), editedSentence(seq));
      }
    }
  }

  private static String editedSentence(long seq) {
    return "entry " + seq + "'s content or allocations do not match its hash";
  }

  private void checkHead(long lastSeen, String lastHash, BigDecimal balance) {
    boolean headSealOk = true;
    if (w.getHeadSeal() == null) {
      if (keys.configured() && w.getLastSeq() > 0) {
        find(
            Kind.UNSEALED,
            null,
            w.getId(),
            "the wallet head carries no seal (written before ledger keys were configured, or its"
                + " seal was removed)");
      }
      headSealOk = false;
    } else if (!keys.knows(w.getHeadKeyId())) {
      find(
          Kind.UNKNOWN_KEY_ID,
          null,
          w.getId(),
          "the wallet head is sealed with key id '" + w.getHeadKeyId() + "', not configured");
      headSealOk = false;
    } else if (!Seals.seal(keys, w.getHeadKeyId(), w.headMessage()).equals(w.getHeadSeal())) {
      find(
          Kind.WALLET_HEAD_EDITED,
          null,
          w.getId(),
          "the wallet head (last sequence "
              + w.getLastSeq()
              + ", last hash, keyed-from sequence) does not match its seal");
      headSealOk = false;
    }
    if (w.getLastSeq() > lastSeen) {
      find(
          Kind.CHAIN_TRUNCATED,
          lastSeen + 1,
          null,
          "the wallet head records "
              + w.getLastSeq()
              + " entries but "
              + lastSeen
              + " exist: the chain was truncated");
    } else if (w.getLastSeq() < lastSeen) {
      find(
          Kind.WALLET_HEAD_EDITED,
          w.getLastSeq() + 1,
          null,
          "the chain has " + lastSeen + " entries but the wallet head records " + w.getLastSeq());
    } else if (lastSeen > 0 && !lastHash.equals(w.getLastHash())) {
      if (headSealOk) {
        find(
            Kind.ENTRY_EDITED,
            lastSeen,
            null,
            "entry " + lastSeen + "'s hash differs from the one the sealed wallet head records");
      } else if (!hasHeadFinding()) {
        find(
            Kind.WALLET_HEAD_EDITED,
            lastSeen,
            null,
            "the wallet's last hash differs from the chain's");
      }
    }
    // With entries missing at the end the balances cannot agree; the truncation is the finding.
    if (w.getLastSeq() == lastSeen && w.getBalance().compareTo(balance) != 0) {
      find(
          Kind.BALANCE_MISMATCH,
          lastSeen,
          w.getId(),
          "the wallet balance " + w.getBalance() + " differs from the chain's " + balance);
    }
  }

  private boolean hasHeadFinding() {
    return findings.stream().anyMatch(f -> f.kind() == Kind.WALLET_HEAD_EDITED);
  }

  private void checkLots(Long keyedFrom) {
    Map<String, Long> unsealedSeq = new HashMap<>();
    if (keys.configured()) {
      for (Object[] row :
          b.em()
              .createQuery(
                  "select l.id, e.sequence from Lot l, LedgerEntry e"
                      + " where l.walletId = :w and l.seal is null and e.id = l.entryId",
                  Object[].class)
              .setParameter("w", w.getId())
              .getResultList()) {
        unsealedSeq.put((String) row[0], ((Number) row[1]).longValue());
      }
    }
    String after = "";
    while (true) {
      List<Lot> page =
          b.em()
              .createQuery(
                  "select l from Lot l where l.walletId = :w and l.id > :after order by l.id",
                  Lot.class)
              .setParameter("w", w.getId())
              .setParameter("after", after)
              .setMaxResults(PAGE)
              .getResultList();
      for (Lot lot : page) {
        after = lot.getId();
        if (lot.getSeal() == null) {
          Long seq = unsealedSeq.get(lot.getId());
          if (keys.configured() && !legacy(seq, keyedFrom)) {
            find(Kind.UNSEALED, null, lot.getId(), "lot " + lot.getId() + " carries no seal");
          }
        } else if (!keys.knows(lot.getSealKeyId())) {
          find(
              Kind.UNKNOWN_KEY_ID,
              null,
              lot.getId(),
              "lot " + lot.getId() + " is sealed with key id '" + lot.getSealKeyId() + "'");
        } else if (!Seals.seal(keys, lot.getSealKeyId(), lot.sealMessage()).equals(lot.getSeal())) {
          find(
              Kind.LOT_EDITED,
              null,
              lot.getId(),
              "lot " + lot.getId() + "'s immutable columns do not match its seal");
        }
      }
      if (page.size() < PAGE) {
        return;
      }
    }
  }

  /** An unsealed row is legacy when the entry that made it predates the wallet's keying. */
  private static boolean legacy(Long entrySeq, Long keyedFrom) {
    return entrySeq != null && (keyedFrom == null || entrySeq < keyedFrom);
  }

  private void checkPurchases(Long keyedFrom) {
    String after = "";
    while (true) {
      @SuppressWarnings("unchecked")
      List<Object[]> page =
          b.em()
              .createNativeQuery(
                  "select p.id, p.workspace_key, p.wallet_id, p.package_id, p.credits,"
                      + " p.bonus_credits, p.price, p.currency, p.cost_basis, p.expiry_days,"
                      + " p.created_by_type, p.created_by_id, p.idempotency_key, p.created_at,"
                      + " p.seal, p.seal_key_id, e.seq"
                      + " from credits_purchase p left join credits_entry e"
                      + " on e.id = p.credit_entry_id"
                      + " where p.wallet_id = ?1 and p.id > ?2 order by p.id")
              .setParameter(1, w.getId())
              .setParameter(2, after)
              .setMaxResults(PAGE)
              .getResultList();
      for (Object[] r : page) {
        String id = (String) r[0];
        after = id;
        String seal = (String) r[14];
        String keyId = (String) r[15];
        Long seq = r[16] == null ? null : ((Number) r[16]).longValue();
        if (seal == null) {
          if (keys.configured() && !legacy(seq, keyedFrom)) {
            find(Kind.UNSEALED, null, id, "purchase " + id + " carries no seal");
          }
        } else if (!keys.knows(keyId)) {
          find(
              Kind.UNKNOWN_KEY_ID,
              null,
              id,
              "purchase " + id + " is sealed with key id '" + keyId + "'");
        } else if (!Seals.seal(
                keys,
                keyId,
                Seals.purchaseMessage(
                    r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12],
                    r[13]))
            .equals(seal)) {
          find(
              Kind.PURCHASE_EDITED,
              null,
              id,
              "purchase "
                  + id
                  + "'s immutable columns (money, credits, ids) do not match its seal");
        }
      }
      if (page.size() < PAGE) {
        return;
      }
    }
  }

  private void find(Kind kind, Long sequence, String rowId, String detail) {
    if (findings.size() < MAX_FINDINGS) {
      findings.add(new TamperFinding(kind, sequence, rowId, detail));
    }
  }
}
