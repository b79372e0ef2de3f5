package dev.credits4j.api;

import java.util.Objects;
import java.util.UUID;

/** Identifies one lot; a time-ordered UUID (v7) made by the SDK. */
public record LotId(UUID value) {
  public LotId {
    Objects.requireNonNull(value, "lot id");
  }

  /** Parses the canonical UUID text form. */
  public static LotId of(String text) {
    try {
      return new LotId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "not a lot id: " + text,
          java.util.List.of(new FieldViolation("lotId", "must be a UUID")));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
