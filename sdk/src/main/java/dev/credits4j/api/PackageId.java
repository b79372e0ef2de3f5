package dev.credits4j.api;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Identifies one credit package; a time-ordered UUID (v7) made by the SDK. */
public record PackageId(UUID value) {
  public PackageId {
    Objects.requireNonNull(value, "package id");
  }

  /** Parses the canonical UUID text form. */
  public static PackageId of(String text) {
    try {
      return new PackageId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "not a package id: " + text,
          List.of(new FieldViolation("packageId", "must be a UUID")));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
