package dev.credits4j.api;

/** The settled hold and the usage entry its capture recorded. */
public record CaptureResult(HoldView hold, LedgerEntryView entry) {}
