package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import javax.money.MonetaryAmount;

/**
 * One bucket of a series (a day, week or month of the workspace's time zone, clipped to the
 * report's period): days {@code from} to {@code to}, inclusive.
 *
 * @param purchases PURCHASE entries credited in the bucket
 * @param creditsSold their credits
 * @param revenue money paid for them
 * @param recognized revenue recognized in the bucket: consumed and deducted credits at cost basis
 * @param breakage revenue recognized from credits that expired unused
 * @param refunded money returned by refunds
 */
public record SalesBucket(
    LocalDate from,
    LocalDate to,
    long purchases,
    BigDecimal creditsSold,
    MonetaryAmount revenue,
    MonetaryAmount recognized,
    MonetaryAmount breakage,
    MonetaryAmount refunded) {}
