package dev.credits4j.rest.dto;

/**
 * What one run of the reports' daily rollup did.
 *
 * @param nextDay the first day not rolled up yet (ISO-8601), null when another node was creating
 *     the rollup at the same moment
 * @param daysRolledUp days this run added
 * @param rebuilt whether this run discarded a rollup made in another time zone
 */
public record RollupRunResponse(String nextDay, int daysRolledUp, boolean rebuilt) {}
