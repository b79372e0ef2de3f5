package dev.credits4j.api;

import java.util.Objects;
import java.util.UUID;

/** Identifies one entry; a time-ordered UUID (v7) made by the SDK. */
public record EntryId(UUID value) {
  public EntryId {
    Objects.requireNonNull(value, "entry id");
  }

  /** Parses the canonical UUID text form. */
  public static EntryId of(String text) {
    try {
      return new EntryId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "not a entry id: " + text,
          java.util.List.of(new FieldViolation("entryId", "must be a UUID")));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
