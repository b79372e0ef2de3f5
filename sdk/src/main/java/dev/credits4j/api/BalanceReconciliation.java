package dev.credits4j.api;

import java.time.Instant;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * The balance reconciliation report of a workspace (the help text's troubleshooting): every wallet
 * reconciled and its hash chain verified, purchases paid but never credited, and idempotency keys
 * that appear on more than one entry of a wallet.
 *
 * @param walletsChecked wallets reconciled and verified
 * @param drifting the reconciliation of each wallet whose balance drifts from its entries or lots
 * @param brokenChains the verification of each wallet whose hash chain is broken
 * @param paidNotCredited purchases PAID but not CREDITED (the reconciliation job credits them)
 * @param duplicateKeys idempotency keys carried by more than one entry of one wallet
 */
public record BalanceReconciliation(
    String workspace,
    Instant checkedAt,
    long walletsChecked,
    List<ReconciliationReport> drifting,
    List<VerificationReport> brokenChains,
    List<UncreditedPurchase> paidNotCredited,
    List<DuplicateKey> duplicateKeys) {

  /** Whether nothing was found. */
  public boolean clean() {
    return drifting.isEmpty()
        && brokenChains.isEmpty()
        && paidNotCredited.isEmpty()
        && duplicateKeys.isEmpty();
  }

  /** A purchase paid and not credited. */
  public record UncreditedPurchase(
      PurchaseId purchase, WalletRef wallet, MonetaryAmount paid, Instant paidAt) {}

  /** An idempotency key on {@code entries} entries of one wallet. */
  public record DuplicateKey(WalletRef wallet, String idempotencyKey, long entries) {}
}
