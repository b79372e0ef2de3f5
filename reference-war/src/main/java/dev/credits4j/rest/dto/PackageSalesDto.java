package dev.credits4j.rest.dto;

import java.math.BigDecimal;

/** Sales of one package in a period; no package id or name for purchases without a package. */
public record PackageSalesDto(
    String packageId,
    String packageName,
    long purchases,
    BigDecimal credits,
    MoneyDto revenue,
    MoneyDto averagePrice) {}
