package dev.credits4j.api;

import java.math.BigDecimal;

/**
 * A credit package's own rule for the credits its purchases leave unused at expiry. It replaces the
 * workspace's rollover settings ({@link WorkspaceSettings#rolloverEnabled()} and its caps) for the
 * lots the package's purchases grant, and is copied onto each purchase when it is made, so a later
 * change of the package changes no credits already bought (see docs/expiry.md). A package without
 * one ({@code null}) follows the workspace's settings.
 *
 * <p>When enabled, at expiry (plus grace) part of a lot's unused credits moves into a new {@code
 * ROLLOVER} lot, capped by {@code capCredits} and by {@code capPercent} percent of them (rounded
 * down to the workspace's credit scale): both when both are set, neither when neither (everything
 * rolls over); the rest expires. Credits roll over once.
 *
 * @param enabled false: the package's credits expire at their expiry even when the workspace
 *     enables rollover
 * @param capCredits at most this many credits of a lot roll over, greater than zero, within the
 *     workspace's credit scale; null for no cap in credits; only when enabled
 * @param capPercent at most this percent of a lot's unused credits roll over, 1 to 100; null for no
 *     percent cap; only when enabled
 */
public record PackageRollover(boolean enabled, BigDecimal capCredits, Integer capPercent) {

  /** The package's credits never roll over, whatever the workspace's settings. */
  public static PackageRollover none() {
    return new PackageRollover(/* enabled= */ false, null, null);
  }

  /** All of a lot's unused credits roll over at expiry, once. */
  public static PackageRollover all() {
    return new PackageRollover(/* enabled= */ true, null, null);
  }

  /**
   * Up to {@code capCredits} and up to {@code capPercent} percent of a lot's unused credits roll
   * over at expiry, once; either cap may be null.
   */
  public static PackageRollover capped(BigDecimal capCredits, Integer capPercent) {
    return new PackageRollover(/* enabled= */ true, capCredits, capPercent);
  }
}
