package dev.credits4j.api;

/** The broad kind of a {@link CreditsException}; a REST layer maps each to one HTTP status. */
public enum ErrorCategory {
  /** The request is malformed or violates a rule about its own fields (HTTP 400). */
  INVALID,
  /** A referenced workspace, wallet, entry or hold does not exist (HTTP 404). */
  NOT_FOUND,
  /** The request conflicts with the current state (HTTP 409). */
  CONFLICT,
  /** The wallet cannot cover the debit (HTTP 402). */
  INSUFFICIENT_CREDITS,
  /** The actor may not do this, or the module is disabled (HTTP 403). */
  FORBIDDEN,
  /** The database stayed too contended to commit within the retry budget (HTTP 503). */
  UNAVAILABLE
}
