package dev.credits4j.rest.dto;

import dev.credits4j.api.BalanceReconciliation;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.TamperFinding;
import dev.credits4j.api.VerificationReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The reconciliation and verification reports of a wallet and of a workspace, as JSON. */
public final class ReconciliationDtos {
  private ReconciliationDtos() {}

  /** A wallet's balance against its entries, lots and holds; {@code discrepancies} every drift. */
  public record Reconciliation(
      String organization,
      boolean clean,
      BigDecimal balance,
      BigDecimal entrySum,
      BigDecimal lotRemainingSum,
      BigDecimal overdraftUsed,
      BigDecimal held,
      long entries,
      List<String> discrepancies) {}

  /** A wallet's hash chain and seals verified; {@code findings} every sign of tampering. */
  public record Verification(
      String organization,
      boolean valid,
      long entriesChecked,
      Long firstBadSequence,
      String problem,
      boolean keyed,
      List<Finding> findings) {}

  /** One finding of a verification. */
  public record Finding(String kind, Long sequence, String rowId, String detail) {}

  /** A purchase paid and never credited. */
  public record UncreditedPurchase(
      String purchaseId, String organization, MoneyDto paid, Instant paidAt) {}

  /** An idempotency key carried by more than one entry of a wallet. */
  public record DuplicateKey(String organization, String idempotencyKey, long entries) {}

  /** Every wallet of a workspace reconciled and verified, and what else was found. */
  public record Workspace(
      String workspace,
      Instant checkedAt,
      boolean clean,
      long walletsChecked,
      List<Reconciliation> drifting,
      List<Verification> brokenChains,
      List<UncreditedPurchase> paidNotCredited,
      List<DuplicateKey> duplicateKeys) {}

  public static Reconciliation reconciliation(ReconciliationReport r) {
    return new Reconciliation(
        r.wallet().organization(),
        r.clean(),
        Dtos.credits(r.balance()),
        Dtos.credits(r.entrySum()),
        Dtos.credits(r.lotRemainingSum()),
        Dtos.credits(r.overdraftUsed()),
        Dtos.credits(r.held()),
        r.entries(),
        r.discrepancies());
  }

  public static Verification verification(VerificationReport v) {
    return new Verification(
        v.wallet().organization(),
        v.valid(),
        v.entriesChecked(),
        v.firstBadSequence(),
        v.problem(),
        v.keyed(),
        v.findings().stream().map(ReconciliationDtos::finding).toList());
  }

  private static Finding finding(TamperFinding f) {
    return new Finding(f.kind().name(), f.sequence(), f.rowId(), f.detail());
  }

  public static Workspace workspace(BalanceReconciliation r) {
    return new Workspace(
        r.workspace(),
        r.checkedAt(),
        r.clean(),
        r.walletsChecked(),
        r.drifting().stream().map(ReconciliationDtos::reconciliation).toList(),
        r.brokenChains().stream().map(ReconciliationDtos::verification).toList(),
        r.paidNotCredited().stream()
            .map(
                p ->
                    new UncreditedPurchase(
                        p.purchase().toString(),
                        p.wallet().organization(),
                        Dtos.money(p.paid()),
                        p.paidAt()))
            .toList(),
        r.duplicateKeys().stream()
            .map(k -> new DuplicateKey(k.wallet().organization(), k.idempotencyKey(), k.entries()))
            .toList());
  }
}
