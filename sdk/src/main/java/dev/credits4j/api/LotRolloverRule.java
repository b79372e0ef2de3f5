package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A lot's own rule for the credits it still holds at expiry, which replaces the workspace's
 * rollover settings for that lot: an allotment's lots carry the allotment's rule, a purchase's lot
 * its package's (see docs/expiry.md). At expiry plus grace, with <i>U</i> the credits the lot gives
 * up: nothing rolls over when <i>U</i> &lt; {@code minimum}; otherwise up to {@code maximum}, and
 * up to {@code maximumPercent} percent of <i>U</i> when set, move into a {@code ROLLOVER} lot
 * expiring at {@code rolledExpiresAt}, and the rest expires.
 *
 * @param minimum the fewest unused credits worth rolling over; zero for any
 * @param maximum the most credits that roll over; zero: nothing rolls over
 * @param maximumPercent the most that rolls over as a percent of the unused credits (1 to 100),
 *     rounded down to the workspace's credit scale; null for no percent cap
 * @param rolledExpiresAt when the rolled-over credits expire; null for never
 */
public record LotRolloverRule(
    BigDecimal minimum, BigDecimal maximum, Integer maximumPercent, Instant rolledExpiresAt) {}
