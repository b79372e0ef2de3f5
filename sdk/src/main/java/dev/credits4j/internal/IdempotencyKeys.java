package dev.credits4j.internal;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/**
 * The idempotency keys of one context, kept in that context's own table: the SDK's one way to
 * honour a key. Each context implements it over its records (the purchase context over {@code
 * credits_purchase}, {@code credits_purchase_refund} and {@code credits_stripe_event}; the ledger
 * over {@code credits_idempotency}, where the contexts that act through the locked wallet keep
 * theirs), so that its JPQL names only its own entities; what is shared is how a key is answered:
 *
 * <ol>
 *   <li>A request under a key has a {@link Fingerprint} of its meaningful fields, its operation
 *       first; a record's fingerprint is the same function of what the record stored (its request's
 *       fields, or the stored fingerprint itself).
 *   <li>The key is looked up ({@link #replay}) before anything is decided, under the lock that
 *       serialises the key's requests (the wallet's, for a key unique per wallet or per purchase).
 *   <li>Found with the same fingerprint, the request is a replay: the first result is answered as
 *       it stands now, and nothing is done again (no write, no event, no notification).
 *   <li>Found with another fingerprint, it is {@link #conflict}: {@link
 *       ErrorCode#IDEMPOTENCY_CONFLICT}, the same error wherever the key lives.
 *   <li>Not found, the operation runs and writes its record in the same transaction as its effect
 *       (the record is the result's own row, or written with it), so that the record exists if and
 *       only if the effect committed; a unique constraint on the key backs the lock.
 * </ol>
 *
 * <p>Stripe's events are the one exception to the last step: their effect runs through the {@code
 * Purchases} service (and, for a card setup, calls Stripe), so the event's record is written after
 * the effect, and the effects are idempotent in themselves (docs/architecture.md, "One way to do
 * each thing").
 *
 * @param <R> the record a key is stored in
 */
public interface IdempotencyKeys<R> {

  /**
   * The record stored under {@code key} within {@code scope} (a wallet's id, a purchase's id; null
   * where keys are unique on their own), or null.
   */
  R find(EntityManager em, String scope, String key);

  /** The fingerprint of the request that stored {@code record}. */
  String fingerprint(R record);

  /** What the first request under the key was, as a conflict names it. */
  String operation(R record);

  /** Where a key is unique, as a conflict says it: "on this wallet". */
  String where();

  /**
   * The first result stored under {@code key}, if any ({@code key} null: none). A record of a
   * different request (by {@code fingerprint}) is a {@link #conflict}.
   */
  default Optional<R> replay(EntityManager em, String scope, String key, String fingerprint) {
    return key == null ? Optional.empty() : replay(find(em, scope, key), key, fingerprint);
  }

  /** {@link #replay} of a record already read ({@code record}, null for none). */
  default Optional<R> replay(R record, String key, String fingerprint) {
    if (record == null) {
      return Optional.empty();
    }
    if (!fingerprint(record).equals(fingerprint)) {
      throw conflict(key, where(), operation(record));
    }
    return Optional.of(record);
  }

  /**
   * The error of a key already used {@code where} by a different request, whose operation was
   * {@code firstOperation}.
   */
  static CreditsException conflict(String key, String where, String firstOperation) {
    return new CreditsException(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        "idempotency key '"
            + key
            + "' was already used "
            + where
            + " for a different request ("
            + firstOperation
            + ")",
        List.of(new FieldViolation("idempotencyKey", "was used for a different request")));
  }
}
