package dev.credits4j.rest.dto;

import java.time.Instant;

/** What one run of the expiring-soon warnings did. */
public record ExpiryWarningRunResponse(Instant asOf, int warningsWritten) {}
