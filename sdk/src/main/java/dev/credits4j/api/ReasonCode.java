package dev.credits4j.api;

/** Why a manual or system movement happened, as the kinds the help text lists. */
public enum ReasonCode {
  BONUS,
  PROMOTIONAL,
  CORRECTION,
  COMPENSATION,
  REFERRAL,
  LOYALTY,
  ADJUSTMENT,
  ERROR_ADJUSTMENT,
  PENALTY,
  OVER_ALLOCATION,
  RECALL,
  CANCELLATION,
  OTHER
}
