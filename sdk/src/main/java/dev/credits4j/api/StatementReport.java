package dev.credits4j.api;

import java.time.Instant;

/**
 * What one run of {@link Statements#issueDue} did.
 *
 * @param asOf months that ended at or before this instant were due
 * @param issued statements issued by this run
 * @param alreadyIssued statements found issued already (by an earlier or a concurrent run)
 * @param failures wallets that could not be handled (logged; retried by the next run)
 */
public record StatementReport(Instant asOf, int issued, int alreadyIssued, int failures) {}
