package dev.credits4j.api;

/**
 * The answer to one request of {@link CreditLedger#consumeBatch}: the usage entry it recorded (or,
 * for a replayed key, recorded the first time), or the refusal that left its wallet unchanged.
 * Exactly one of the two is set.
 */
public record ConsumeOutcome(LedgerEntryView entry, CreditsException refusal) {
  public ConsumeOutcome {
    if ((entry == null) == (refusal == null)) {
      throw new IllegalArgumentException("exactly one of entry and refusal must be set");
    }
  }

  public static ConsumeOutcome consumed(LedgerEntryView entry) {
    return new ConsumeOutcome(entry, null);
  }

  public static ConsumeOutcome refused(CreditsException refusal) {
    return new ConsumeOutcome(null, refusal);
  }

  /** Whether the request was debited (now or, under a replayed key, the first time). */
  public boolean consumed() {
    return entry != null;
  }
}
