package dev.credits4j.api;

import java.math.BigDecimal;

/** Debits credits for usage of a service ({@link EntryType#USAGE}). */
public record ConsumeRequest(
    WalletRef wallet,
    BigDecimal credits,
    String description,
    References references,
    Actor actor,
    String idempotencyKey) {

  public static ConsumeRequest of(
      WalletRef wallet, BigDecimal credits, Actor actor, String idempotencyKey) {
    return new ConsumeRequest(wallet, credits, null, References.NONE, actor, idempotencyKey);
  }
}
