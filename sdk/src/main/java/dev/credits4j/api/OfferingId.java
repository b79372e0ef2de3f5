package dev.credits4j.api;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Identifies one offering (a service); a time-ordered UUID (v7) made by the SDK. */
public record OfferingId(UUID value) {
  public OfferingId {
    Objects.requireNonNull(value, "offering id");
  }

  /** Parses the canonical UUID text form. */
  public static OfferingId of(String text) {
    try {
      return new OfferingId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "not an offering id: " + text,
          List.of(new FieldViolation("offeringId", "must be a UUID")));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
