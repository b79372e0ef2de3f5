package dev.credits4j.api;

import java.util.List;

/**
 * The result of verifying a wallet: its entry chain re-hashed, its head, lots and purchases checked
 * against their seals (docs/ledger.md, "Tamper evidence"). When not valid, {@code firstBadSequence}
 * is the first entry concerned (null when only lots, purchases or the head are concerned), {@code
 * problem} the first finding's sentence, and {@code findings} every finding by kind. {@code keyed}
 * says whether the verification used ledger keys; without them only the unkeyed chain is checked.
 */
public record VerificationReport(
    WalletRef wallet,
    boolean valid,
    long entriesChecked,
    Long firstBadSequence,
    String problem,
    boolean keyed,
    List<TamperFinding> findings) {
  public VerificationReport {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** Whether a finding of this kind was made. */
  public boolean has(TamperFinding.Kind kind) {
    return findings.stream().anyMatch(f -> f.kind() == kind);
  }
}
