package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A wallet: balance, held, available (balance − held), overdraft, its lots in draw-down order and
 * the credits expiring within the workspace's largest warning window (soonest first).
 */
public record WalletResponse(
    String workspace,
    String organization,
    BigDecimal balance,
    BigDecimal held,
    BigDecimal available,
    BigDecimal overdraftLimit,
    BigDecimal overdraftUsed,
    Instant asOf,
    List<LotResponse> lots,
    List<ExpiringCredits> expiringSoon) {}
