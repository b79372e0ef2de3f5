package dev.credits4j.ledger;

import dev.credits4j.api.LedgerKeys;
import dev.credits4j.internal.Seals;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * The hash chain of invariant 8 over the previous entry's hash and every stored field of the entry
 * and its allocations, each length-prefixed so that no two different entries encode alike. With a
 * key id the hash is an HMAC-SHA256 with that ledger key (tamper-evident: nobody without the key
 * can recompute it); without one (entries written before keys were configured) it is a plain
 * SHA-256. Computed from stored values only, so {@code verify} can recompute it.
 */
final class EntryHasher {
  /** The "previous hash" of a wallet's first entry. */
  static final String GENESIS = "0".repeat(64);

  /** One allocation as the hash encodes it: its lot's id (null for overdraft) and its amount. */
  record HashedAllocation(String lotId, BigDecimal amount) {}

  private EntryHasher() {}

  /** The entry's chain hash: keyed with {@code keyId}, or unkeyed SHA-256 when it is null. */
  static String hash(
      LedgerKeys keys,
      String keyId,
      String previousHash,
      LedgerEntry e,
      List<HashedAllocation> allocations) {
    String payload = payload(previousHash, e, allocations);
    return keyId == null ? Seals.sha256(payload) : Seals.seal(keys, keyId, "entry|" + payload);
  }

  static String payload(String previousHash, LedgerEntry e, List<HashedAllocation> allocations) {
    StringBuilder b = new StringBuilder(512);
    field(b, previousHash == null ? GENESIS : previousHash);
    field(b, e.getWalletId());
    field(b, Long.toString(e.getSequence()));
    field(b, e.getId());
    field(b, e.getType().name());
    field(b, e.getReason() == null ? null : e.getReason().name());
    field(b, e.getAmount().toPlainString());
    field(b, e.getBalanceAfter().toPlainString());
    field(b, Long.toString(e.getOccurredAtMicros()));
    field(b, e.getDescription());
    field(b, e.getActorType().name());
    field(b, e.getActorId());
    field(b, e.getActorName());
    field(b, e.getPackageId());
    field(b, e.getPurchaseId());
    field(b, e.getOfferingId());
    field(b, e.getRequestId());
    field(b, e.getCounterpartyWalletId());
    field(b, e.getReversedEntryId());
    field(b, e.getHoldId());
    field(b, e.getIdempotencyKey());
    List<HashedAllocation> sorted =
        allocations.stream()
            .sorted(
                Comparator.comparing((HashedAllocation p) -> p.lotId() == null ? "" : p.lotId())
                    .thenComparing(HashedAllocation::amount))
            .toList();
    field(b, Integer.toString(sorted.size()));
    for (HashedAllocation p : sorted) {
      field(b, p.lotId());
      field(b, p.amount().toPlainString());
    }
    // Fields added after the chain's first entries were written: hashed only when present, so
    // that older entries (which cannot have them) keep their hashes. The allocation count above
    // makes the encoding unambiguous.
    if (e.getSubscriptionId() != null) {
      field(b, "subscription");
      field(b, e.getSubscriptionId());
    }
    return b.toString();
  }

  private static void field(StringBuilder b, String value) {
    Seals.field(b, value);
  }
}
