package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A wallet's balance as of one instant: the balance, what holds reserve, what is available (balance
 * minus held), the overdraft limit and use, and the lots that still hold credits, in draw-down
 * order.
 */
public record Balance(
    WalletRef wallet,
    BigDecimal balance,
    BigDecimal held,
    BigDecimal available,
    BigDecimal overdraftLimit,
    BigDecimal overdraftUsed,
    List<LotView> lots,
    Instant asOf) {}
