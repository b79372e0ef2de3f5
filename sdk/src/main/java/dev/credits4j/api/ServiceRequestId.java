package dev.credits4j.api;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Identifies one service request; a time-ordered UUID (v7) made by the SDK. */
public record ServiceRequestId(UUID value) {
  public ServiceRequestId {
    Objects.requireNonNull(value, "request id");
  }

  /** Parses the canonical UUID text form. */
  public static ServiceRequestId of(String text) {
    try {
      return new ServiceRequestId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "not a service request id: " + text,
          List.of(new FieldViolation("requestId", "must be a UUID")));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
