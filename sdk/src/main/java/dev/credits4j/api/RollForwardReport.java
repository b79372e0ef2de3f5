package dev.credits4j.api;

import java.math.BigDecimal;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * The deferred-revenue roll-forward of a period: {@code opening + sold + granted − consumed −
 * deducted − expired − refunded = closing}, to the minor unit; and the same for credits. Opening
 * and closing are each computed from the ledger as of their instant, independently of the flows, so
 * {@link #tiesOut()} is a real check.
 *
 * @param opening value of the credits outstanding at the start
 * @param sold money paid for credits sold in the period
 * @param granted value of credits granted with a cost basis other than by a sale (zero unless a
 *     host grants allotments or lots with a cost basis)
 * @param consumed value of credits consumed, net of reversals
 * @param deducted value of credits removed by manual deductions
 * @param expired value of credits expired (breakage)
 * @param refunded money returned by refunds
 * @param closing value of the credits outstanding at the end
 * @param difference opening + flows − closing: zero when the roll-forward ties out
 * @param credits the credit balance's roll-forward over the same period
 */
public record RollForwardReport(
    String workspace,
    CurrencyUnit currency,
    ReportPeriod period,
    MonetaryAmount opening,
    MonetaryAmount sold,
    MonetaryAmount granted,
    MonetaryAmount consumed,
    MonetaryAmount deducted,
    MonetaryAmount expired,
    MonetaryAmount refunded,
    MonetaryAmount closing,
    MonetaryAmount difference,
    CreditRollForward credits) {

  /** Whether opening plus the flows equals closing, money and credits alike. */
  public boolean tiesOut() {
    return difference.isZero() && credits.difference().signum() == 0;
  }

  /**
   * The credit balance of the workspace's wallets (lots less overdraft) rolled forward: opening +
   * flows' net change = closing.
   */
  public record CreditRollForward(
      BigDecimal opening, CreditFlows flows, BigDecimal closing, BigDecimal difference) {}
}
