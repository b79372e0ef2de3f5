package dev.credits4j.api;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Identifies one purchase; a time-ordered UUID (v7) made by the SDK. */
public record PurchaseId(UUID value) {
  public PurchaseId {
    Objects.requireNonNull(value, "purchase id");
  }

  /** Parses the canonical UUID text form. */
  public static PurchaseId of(String text) {
    try {
      return new PurchaseId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "not a purchase id: " + text,
          List.of(new FieldViolation("purchaseId", "must be a UUID")));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
