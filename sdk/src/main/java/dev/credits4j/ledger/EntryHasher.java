package dev.credits4j.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain of invariant 8: SHA-256 over the previous entry's hash and every stored field of
 * the entry and its allocations, each length-prefixed so that no two different entries encode
 * alike. Computed from stored values only, so {@code verify} can recompute it.
 */
final class EntryHasher {
  /** The "previous hash" of a wallet's first entry. */
  static final String GENESIS = "0".repeat(64);

  /** One allocation as hashed: its lot (null for overdraft) and amount. */
  record Part(String lotId, BigDecimal amount) {}

  private EntryHasher() {}

  static String hash(String previousHash, LedgerEntry e, List<Part> allocations) {
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
    List<Part> sorted =
        allocations.stream()
            .sorted(
                Comparator.comparing((Part p) -> p.lotId() == null ? "" : p.lotId())
                    .thenComparing(Part::amount))
            .toList();
    field(b, Integer.toString(sorted.size()));
    for (Part p : sorted) {
      field(b, p.lotId());
      field(b, p.amount().toPlainString());
    }
    return HexFormat.of().formatHex(sha256().digest(b.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static void field(StringBuilder b, String value) {
    if (value == null) {
      b.append("-1:");
    } else {
      b.append(value.length()).append(':').append(value);
    }
    b.append('|');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
