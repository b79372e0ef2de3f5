package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One bucket (day, week or month, clipped to the period) of a report's series. */
public record SalesBucketDto(
    LocalDate from,
    LocalDate to,
    long purchases,
    BigDecimal creditsSold,
    MoneyDto revenue,
    MoneyDto recognized,
    MoneyDto breakage,
    MoneyDto refunded) {}
