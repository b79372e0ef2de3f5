package dev.credits4j.api;

/**
 * The result of re-hashing a wallet's entry chain. When not valid, {@code firstBadSequence} is the
 * first entry whose sequence, balance or hash does not follow, and {@code problem} says how.
 */
public record VerificationReport(
    WalletRef wallet, boolean valid, long entriesChecked, Long firstBadSequence, String problem) {}
