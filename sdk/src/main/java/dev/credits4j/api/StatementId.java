package dev.credits4j.api;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Identifies one usage statement; a time-ordered UUID (v7) made by the SDK. */
public record StatementId(UUID value) {
  public StatementId {
    Objects.requireNonNull(value, "statement id");
  }

  /** Parses the canonical UUID text form. */
  public static StatementId of(String text) {
    try {
      return new StatementId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "not a statement id: " + text,
          List.of(new FieldViolation("statementId", "must be a UUID")));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
