package dev.credits4j.api;

import java.math.BigDecimal;

/**
 * A client's (or a team member's, on its behalf) request for an offering, for {@link
 * ServiceRequests#create}.
 *
 * @param units how much is asked for, in the offering's units before its unit size (2500 for a
 *     2,500-word blog post priced per 1000 words); greater than zero, at most 4 decimal places
 * @param notes what the client says about the work, up to 2000 characters; null for none
 * @param idempotencyKey optional; the same key on the same wallet returns the first request
 */
public record NewServiceRequest(
    WalletRef wallet,
    OfferingId offering,
    BigDecimal units,
    String notes,
    Actor actor,
    String idempotencyKey) {

  public static NewServiceRequest of(
      WalletRef wallet, OfferingId offering, BigDecimal units, Actor actor) {
    return new NewServiceRequest(wallet, offering, units, null, actor, null);
  }
}
