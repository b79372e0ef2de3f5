package dev.credits4j.api;

import java.util.Objects;
import java.util.UUID;

/** Identifies one hold; a time-ordered UUID (v7) made by the SDK. */
public record HoldId(UUID value) {
  public HoldId {
    Objects.requireNonNull(value, "hold id");
  }

  /** Parses the canonical UUID text form. */
  public static HoldId of(String text) {
    try {
      return new HoldId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "not a hold id: " + text,
          java.util.List.of(new FieldViolation("holdId", "must be a UUID")));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
