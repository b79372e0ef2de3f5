package dev.credits4j.ledger;

import java.math.BigDecimal;

/**
 * A lot's share of an entry before it is stored as an allocation: the lot (null for the overdraft)
 * and the signed credits the entry moves on it (negative: drawn from it, positive: put into it).
 * {@link WalletBook#append} merges the shares of one lot and stores one allocation per lot.
 */
record LotShare(Lot lot, BigDecimal amount) {}
