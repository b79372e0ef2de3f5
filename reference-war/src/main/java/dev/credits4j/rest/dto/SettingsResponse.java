package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.util.List;

/** A workspace's settings. */
public record SettingsResponse(
    String key,
    String name,
    boolean creditsEnabled,
    int creditScale,
    String currency,
    MoneyDto baseCreditRate,
    Integer defaultExpiryDays,
    int gracePeriodDays,
    List<Integer> warningDays,
    BigDecimal lowBalanceThreshold,
    String timeZone,
    boolean rolloverEnabled,
    BigDecimal rolloverCapCredits,
    Integer rolloverCapPercent) {}
