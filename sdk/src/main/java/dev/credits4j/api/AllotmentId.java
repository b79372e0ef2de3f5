package dev.credits4j.api;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Identifies one allotment; a time-ordered UUID (v7) made by the SDK. */
public record AllotmentId(UUID value) {
  public AllotmentId {
    Objects.requireNonNull(value, "allotment id");
  }

  /** Parses the canonical UUID text form. */
  public static AllotmentId of(String text) {
    try {
      return new AllotmentId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "not an allotment id: " + text,
          List.of(new FieldViolation("allotmentId", "must be a UUID")));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
