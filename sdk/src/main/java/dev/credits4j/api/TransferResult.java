package dev.credits4j.api;

/** Both sides of a transfer: the source's TRANSFER_OUT and the destination's TRANSFER_IN. */
public record TransferResult(LedgerEntryView outgoing, LedgerEntryView incoming) {}
