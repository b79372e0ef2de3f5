package dev.credits4j.api;

/** The life of a hold: active until captured, released, or expired by its timeout. */
public enum HoldStatus {
  ACTIVE,
  CAPTURED,
  RELEASED,
  EXPIRED
}
