package dev.credits4j.api;

import java.math.BigDecimal;

/**
 * An organization's auto top-up rule, as set by {@link AutoTopUps#set}: when a debit leaves the
 * wallet's available credits below {@code threshold}, one purchase starts after the debit commits:
 * of {@code packageId}, or of the smallest client-catalog package that brings available credits to
 * {@code targetBalance} (exactly one of the two).
 *
 * @param threshold available credits below which a debit triggers; zero or more, within the
 *     workspace's credit scale
 * @param packageId the package to buy; null when {@code targetBalance} is given
 * @param targetBalance available credits to reach; above {@code threshold}; null when {@code
 *     packageId} is given
 * @param maxPerDay most top-ups started per day (the workspace's time zone), declined ones
 *     included; 1 to 100
 * @param gateway {@code manual} (a PENDING purchase and a purchase reminder to the client) or a
 *     gateway that charges a saved payment method off-session, e.g. {@code stripe}
 * @param maxDeclines declined payments in a row after which the rule pauses itself; null: 3
 * @param actor who sets it: a team member, the system, or a client of this organization
 */
public record AutoTopUpRequest(
    WalletRef wallet,
    BigDecimal threshold,
    PackageId packageId,
    BigDecimal targetBalance,
    int maxPerDay,
    String gateway,
    Integer maxDeclines,
    Actor actor) {

  /** The declined payments in a row that pause a rule unless it says otherwise. */
  public static final int DEFAULT_MAX_DECLINES = 3;

  /** A rule that buys {@code pkg}. */
  public static AutoTopUpRequest ofPackage(
      WalletRef wallet,
      BigDecimal threshold,
      PackageId pkg,
      int maxPerDay,
      String gateway,
      Actor actor) {
    return new AutoTopUpRequest(wallet, threshold, pkg, null, maxPerDay, gateway, null, actor);
  }

  /** A rule that buys the smallest package bringing available credits to {@code target}. */
  public static AutoTopUpRequest toTarget(
      WalletRef wallet,
      BigDecimal threshold,
      BigDecimal target,
      int maxPerDay,
      String gateway,
      Actor actor) {
    return new AutoTopUpRequest(wallet, threshold, null, target, maxPerDay, gateway, null, actor);
  }

  /** This rule with another number of declines in a row that pauses it. */
  public AutoTopUpRequest withMaxDeclines(Integer max) {
    return new AutoTopUpRequest(
        wallet, threshold, packageId, targetBalance, maxPerDay, gateway, max, actor);
  }
}
