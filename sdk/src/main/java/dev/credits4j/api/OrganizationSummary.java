package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An organization of a workspace as a list shows it.
 *
 * @param available balance − held
 * @param lowBalance whether available is below the workspace's low-balance threshold (false when
 *     the workspace sets none)
 * @param registeredAt when the organization was registered (its wallet opened)
 */
public record OrganizationSummary(
    WalletRef wallet,
    String displayName,
    BigDecimal balance,
    BigDecimal held,
    BigDecimal available,
    boolean lowBalance,
    Instant registeredAt) {
  /** The longest display name an organization may have. */
  public static final int MAX_DISPLAY_NAME_LENGTH = 200;
}
