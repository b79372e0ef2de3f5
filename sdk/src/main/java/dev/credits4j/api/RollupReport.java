package dev.credits4j.api;

import java.time.LocalDate;

/**
 * What one {@link Reports#rollUp} run did.
 *
 * @param workspace the workspace
 * @param nextDay the first day of the workspace's time zone not rolled up yet (every day before it
 *     is); null when another node was creating the rollup at the same moment
 * @param daysRolledUp days this run added
 * @param rebuilt whether this run discarded a rollup made in another time zone
 */
public record RollupReport(
    String workspace, LocalDate nextDay, int daysRolledUp, boolean rebuilt) {}
