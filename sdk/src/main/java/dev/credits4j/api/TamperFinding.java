package dev.credits4j.api;

/**
 * One sign of tampering (or of a row the current keys cannot vouch for) found by {@link
 * CreditLedger#verify}. {@code sequence} is the entry sequence it concerns (null when it concerns a
 * lot, a purchase or the wallet head), {@code rowId} the id of the row, {@code detail} a sentence.
 */
public record TamperFinding(Kind kind, Long sequence, String rowId, String detail) {
  /** What was found. */
  public enum Kind {
    /** An entry's content (or its allocations) no longer matches its keyed hash. */
    ENTRY_EDITED,
    /** A sequence number is missing inside the chain: an entry was deleted. */
    ENTRY_DELETED,
    /** Entries the wallet head or a checkpoint vouches for are gone from the end of the chain. */
    CHAIN_TRUNCATED,
    /**
     * Entry hashes were recomputed without the key (an unkeyed chain, or a keyed entry turned
     * unkeyed after the wallet started keying).
     */
    RECHAINED,
    /** The balance chain does not add up (balance after, or the wallet's balance). */
    BALANCE_MISMATCH,
    /** The wallet row's head (last sequence, last hash, keyed-from sequence) fails its seal. */
    WALLET_HEAD_EDITED,
    /** A lot's immutable columns fail its seal. */
    LOT_EDITED,
    /** A purchase's immutable columns fail its seal. */
    PURCHASE_EDITED,
    /**
     * A row (entry, head, lot, purchase, checkpoint) names a key id this key ring does not hold.
     */
    UNKNOWN_KEY_ID,
    /**
     * A row that should be sealed carries no seal: written before keys were configured (or before
     * V14), or its seal was removed.
     */
    UNSEALED
  }
}
